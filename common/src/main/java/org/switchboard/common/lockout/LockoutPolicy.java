package org.switchboard.common.lockout;

import java.time.Duration;

/**
 * When repeated authentication failures lock an account name or a source address, for every protocol
 * alike. Defaults: 5 failures of one account, or 20 failures from one address, within 15 minutes lock that
 * account or address for 15 minutes.
 *
 * @param accountFailures failures of one account name within {@code window} that lock it
 * @param addressFailures failures from one source address within {@code window} that lock it
 */
public record LockoutPolicy(int accountFailures, int addressFailures, Duration window, Duration lockDuration) {

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));

    public LockoutPolicy {
        if (accountFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("lockout thresholds must be at least 1");
        }
        if (window.isNegative() || window.isZero() || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockout window and duration must be positive");
        }
    }
}
