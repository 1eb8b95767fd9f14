package org.switchboard.common.lockout;

import java.time.Duration;
import java.time.Instant;

/**
 * An account name, a source address, or an account name from one source address (a pair) that may not
 * authenticate until {@code until}.
 */
public record Lockout(Scope scope, String subject, Instant until) {

    public enum Scope { ACCOUNT, ADDRESS, PAIR }

    /** Whole seconds until the lock ends, at least 1: what an HTTP Retry-After header carries. */
    public long retryAfterSeconds(Instant now) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    /** A message that says what is locked, for problem details, stanza errors and logs. */
    public String describe() {
        String what = switch (scope) {
            case ACCOUNT -> "account is temporarily locked";
            case PAIR -> "account is temporarily locked for logins from this address";
            case ADDRESS -> "too many failed attempts from this address";
        };
        return what + " after repeated authentication failures; try again after " + until;
    }
}
