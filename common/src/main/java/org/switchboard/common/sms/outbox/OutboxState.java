package org.switchboard.common.sms.outbox;

import java.util.Locale;

/**
 * States of an SMS in {@code sms_messages.state}. Outgoing ones move forward only, in declaration order up to
 * {@code DELIVERED}; {@code FAILED} and {@code EXPIRED} end a message from wherever it is. Incoming ones are
 * {@code RECEIVED}.
 */
public enum OutboxState {
    QUEUED, DISPATCHED, ACCEPTED, SENT, DELIVERED, FAILED, EXPIRED, RECEIVED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The timestamp column of this state ({@code dispatched_at}, …); null for queued and received. */
    public String timeColumn() {
        return this == QUEUED || this == RECEIVED ? null : dbValue() + "_at";
    }

    /** Nothing changes a message in a final state; its sender is told once (receipt or error). */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == EXPIRED;
    }

    /** Still the gateway's to hand to the host: it has not been accepted yet. */
    public boolean isPending() {
        return this == QUEUED || this == DISPATCHED;
    }
}
