package org.switchboard.host.connection;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: 1 s doubling to 5 min, each drawn uniformly from its upper half ("equal jitter"), so a
 * server restart is not followed by every host at the same instant, yet no host waits less than half its
 * step.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final Random random;

    public Backoff(Duration first, Duration max, Random random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random());
    }

    /** The delay before attempt {@code failures + 1}, after {@code failures} failures in a row (from 0). */
    public Duration delay(int failures) {
        long step = first.toMillis() << Math.min(failures, 20);
        long cap = Math.min(step, max.toMillis());
        long half = cap / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (cap - half)));
    }
}
