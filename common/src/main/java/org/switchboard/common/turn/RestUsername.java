package org.switchboard.common.turn;

import java.time.Instant;
import java.util.Optional;

/**
 * A TURN REST username, {@code <expiry unix seconds>:<user>}. The user part may itself contain colons:
 * only the first one separates.
 */
public record RestUsername(Instant expiry, String user) {

    /** Expiry timestamps longer than this are not unix seconds (and would overflow Instant arithmetic). */
    private static final int MAX_DIGITS = 12;

    public static Optional<RestUsername> parse(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int colon = username.indexOf(':');
        if (colon < 1 || colon > MAX_DIGITS || colon == username.length() - 1) {
            return Optional.empty();
        }
        for (int i = 0; i < colon; i++) {
            char c = username.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        long seconds = Long.parseLong(username.substring(0, colon));
        return Optional.of(new RestUsername(Instant.ofEpochSecond(seconds), username.substring(colon + 1)));
    }

    /** Expired once the clock reaches the expiry second. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiry);
    }
}
