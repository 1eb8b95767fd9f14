package org.switchboard.common.lockout;

import java.time.Duration;

/**
 * When repeated authentication failures lock something, for every protocol alike. Failures are counted
 * three ways within {@code window}, and each count locks only what it is about, for {@code lockDuration}:
 * <ul>
 *   <li>per account name and source address (a <em>pair</em>): guesses from one place lock that place out
 *       of that account, while its owner logs in from anywhere else;</li>
 *   <li>per source address (IPv6 by /64): an address that tries many names is locked out of all of them;</li>
 *   <li>per account name, from everywhere: only an attack spread over many addresses reaches this much
 *       higher threshold, and only then is the owner locked out too.</li>
 * </ul>
 * Defaults: 5 per pair, 20 per address, 100 per account, within 15 minutes, locking for 15 minutes.
 */
public record LockoutPolicy(int pairFailures, int addressFailures, int accountFailures, Duration window, Duration lockDuration) {

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, 20, 100, Duration.ofMinutes(15), Duration.ofMinutes(15));

    public LockoutPolicy {
        if (pairFailures < 1 || addressFailures < 1 || accountFailures < 1) {
            throw new IllegalArgumentException("lockout thresholds must be at least 1");
        }
        if (window.isNegative() || window.isZero() || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockout window and duration must be positive");
        }
    }
}
