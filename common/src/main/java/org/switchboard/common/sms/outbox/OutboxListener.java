package org.switchboard.common.sms.outbox;

import java.util.UUID;

/**
 * Told after a message was committed to the outbox, so the gateway can hand it to the host at once. Called
 * on whatever thread committed; implementations must not block. A process without the gateway (a separate
 * API process) uses {@link #NONE}: the gateway's periodic sweep picks the message up.
 */
@FunctionalInterface
public interface OutboxListener {

    OutboxListener NONE = hostId -> { };

    void queued(UUID hostId);
}
