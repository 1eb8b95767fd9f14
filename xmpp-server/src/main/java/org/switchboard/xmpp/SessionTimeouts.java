package org.switchboard.xmpp;

import java.time.Duration;

/**
 * How long the server waits on a client session that has gone quiet or lost its connection.
 *
 * @param smResume    a stream-managed session whose connection died stays resumable this long (XEP-0198
 *                    {@code max}), {@code SWITCHBOARD_XMPP_SM_RESUME_SECONDS}, 300
 * @param pingIdle    a bound session silent this long is pinged (XEP-0199),
 *                    {@code SWITCHBOARD_XMPP_PING_IDLE_SECONDS}, 90
 * @param pingTimeout a ping not answered within this is a dead connection,
 *                    {@code SWITCHBOARD_XMPP_PING_TIMEOUT_SECONDS}, 30
 */
public record SessionTimeouts(Duration smResume, Duration pingIdle, Duration pingTimeout) {

    /** Five minutes is what mobile clients (Conversations, Monal) expect to resume within after a network change. */
    public static final SessionTimeouts DEFAULT = new SessionTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(90), Duration.ofSeconds(30));

    public SessionTimeouts {
        if (smResume.isNegative() || smResume.isZero() || pingIdle.isNegative() || pingIdle.isZero()
                || pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
    }
}
