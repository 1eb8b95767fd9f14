package org.switchboard.turn.allocation;

import java.time.Duration;

/** Allocation lifetimes of RFC 8656 §7.2 / §7.3: 600 s by default, at most 3600 s. */
public final class Lifetimes {

    public static final Duration DEFAULT = Duration.ofSeconds(600);
    public static final Duration MAXIMUM = Duration.ofSeconds(3600);

    private Lifetimes() {
    }

    /** The lifetime granted for a requested one in seconds (-1 when the client sent no LIFETIME). */
    public static Duration grant(long requestedSeconds) {
        if (requestedSeconds < 0) {
            return DEFAULT;
        }
        long granted = Math.min(requestedSeconds, MAXIMUM.toSeconds());
        return granted > DEFAULT.toSeconds() ? Duration.ofSeconds(granted) : DEFAULT;
    }
}
