package org.switchboard.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;

/**
 * Fixed-window request limits per source address, in memory, for the unauthenticated endpoints (login,
 * refresh, registration, pairing); also keyed by account where a logged-in action needs a cap. It caps request volume whatever the outcome; the lockout in the database caps
 * failures across protocols and processes. Memory is bounded: past {@code MAX_TRACKED} addresses, expired
 * windows are dropped, and if that is not enough every window is dropped.
 */
public final class AddressRateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final String what;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final String whose;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public AddressRateLimiter(String what, int limit, Duration window, Clock clock) {
        this(what, limit, window, clock, "from your address");
    }

    /** @param whose what the key is, as the 429 detail says it (e.g. {@code "for your account"}) */
    public AddressRateLimiter(String what, int limit, Duration window, Clock clock, String whose) {
        this.what = what;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.whose = whose;
    }

    /** Counts one request from {@code address}; throws a 429 problem with Retry-After past the limit. */
    public void acquire(String address) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> !w.end.isAfter(now));
            if (windows.size() > MAX_TRACKED) {
                windows.clear();
            }
        }
        Window current = windows.compute(address, (key, w) ->
                w == null || !w.end.isAfter(now) ? new Window(now.plus(window), 1) : new Window(w.end, w.count + 1));
        if (current.count > limit) {
            long retryAfter = Math.max(1, Duration.between(now, current.end).toSeconds());
            throw new ApiException(ApiProblem.RATE_LIMITED, "more than " + limit + " " + what + " requests " + whose + " within "
                    + window.toSeconds() + " seconds", retryAfter, java.util.Map.of());
        }
    }

    private record Window(Instant end, int count) {
    }
}
