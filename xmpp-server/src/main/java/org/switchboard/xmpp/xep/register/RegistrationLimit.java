package org.switchboard.xmpp.xep.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most N in-band registrations per source address within any hour, in memory. An open server without
 * it hands out accounts to spam scripts as fast as they can ask. The window slides (the time of each
 * registration is kept), so a burst at the end of one hour cannot be doubled at the start of the next.
 * A slot is reserved before the account is created and given back if creation fails, so concurrent
 * attempts from one address cannot get past the limit together.
 */
public final class RegistrationLimit {

    static final Duration WINDOW = Duration.ofHours(1);
    /** Past this many addresses, those with nothing in the window are forgotten. */
    private static final int MAX_TRACKED = 100_000;

    private final int perHour;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public RegistrationLimit(int perHour, Clock clock) {
        if (perHour < 1) {
            throw new IllegalArgumentException("at least one registration per hour must be allowed");
        }
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Reserves a registration for {@code address}; false when it has used up the last hour's. */
    public boolean tryAcquire(String address) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        if (recent.size() > MAX_TRACKED) {
            recent.values().removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(windowStart));
        }
        boolean[] acquired = {false};
        recent.compute(address, (key, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            while (!kept.isEmpty() && !kept.peekFirst().isAfter(windowStart)) {
                kept.pollFirst();
            }
            if (kept.size() < perHour) {
                kept.addLast(now);
                acquired[0] = true;
            }
            return kept.isEmpty() ? null : kept;
        });
        return acquired[0];
    }

    /** The reserved registration did not create an account: it does not count. */
    public void release(String address) {
        recent.computeIfPresent(address, (key, times) -> {
            times.pollLast();
            return times.isEmpty() ? null : times;
        });
    }
}
