package org.switchboard.api.hosts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.api.ratelimit.AddressRateLimiter;

/**
 * Why guessing a pairing code does not pay: a code is 6 digits (10^6 values), lives 10 minutes and works
 * once. Each address gets {@code pairAttempts} tries per 10 minutes (10 by default), so one address has a
 * 10 / 10^6 = 0.001% chance against a given code in its whole life. Many addresses together (a botnet) are
 * held by the second limit: after {@code pairFailures} wrong codes server-wide in a 10-minute window (100 by
 * default) every redemption is refused until the window ends, so all guessers together get at most about
 * 100 + 10 per address tries per code life — a 0.01% chance even with 10 codes live at once. The price is
 * that, during such an attack, legitimate pairing waits too (429 with Retry-After), which is acceptable for
 * something done once per phone. Both limits are in memory, per API process.
 */
final class PairingGuard {

    static final Duration WINDOW = Duration.ofMinutes(10);

    private final AddressRateLimiter perAddress;
    private final int maxFailures;
    private final Clock clock;
    private Instant windowEnd = Instant.MIN;
    private int failures;

    PairingGuard(int attemptsPerAddress, int maxFailures, Clock clock) {
        this.perAddress = new AddressRateLimiter("pairing", attemptsPerAddress, WINDOW, clock);
        this.maxFailures = maxFailures;
        this.clock = clock;
    }

    /** Counts one attempt from {@code address}; a 429 problem when that address or the whole server is over its limit. */
    void attempt(String address) {
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(windowEnd) && failures >= maxFailures) {
                long retryAfter = Math.max(1, Duration.between(now, windowEnd).toSeconds());
                throw new ApiException(ApiProblem.RATE_LIMITED, "too many wrong pairing codes on this server; pairing is paused, "
                        + "try again in " + retryAfter + " seconds", retryAfter, java.util.Map.of());
            }
        }
        perAddress.acquire(address);
    }

    /** Records a wrong, expired or used code. */
    synchronized void failed() {
        Instant now = clock.instant();
        if (!now.isBefore(windowEnd)) {
            windowEnd = now.plus(WINDOW);
            failures = 0;
        }
        failures++;
    }
}
