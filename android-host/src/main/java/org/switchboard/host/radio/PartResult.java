package org.switchboard.host.radio;

import java.time.Instant;

/**
 * The outcome of one part: {@code part} is 0-based of {@code parts}; {@code code} is Android's result code
 * for {@code FAILED} (e.g. 1 generic failure, 4 no service) and 0 otherwise; {@code reason} may be null.
 */
public record PartResult(String commandId, int part, int parts, State state, int code, String reason, Instant at) {

    public enum State { SENT, DELIVERED, FAILED }

    public PartResult {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
    }

    public static PartResult sent(String commandId, int part, int parts, Instant at) {
        return new PartResult(commandId, part, parts, State.SENT, 0, null, at);
    }

    public static PartResult delivered(String commandId, int part, int parts, Instant at) {
        return new PartResult(commandId, part, parts, State.DELIVERED, 0, null, at);
    }

    public static PartResult failed(String commandId, int part, int parts, int code, String reason, Instant at) {
        return new PartResult(commandId, part, parts, State.FAILED, code, reason, at);
    }
}
