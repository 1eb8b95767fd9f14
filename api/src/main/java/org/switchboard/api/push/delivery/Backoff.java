package org.switchboard.api.push.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry n (1-based) wait a random time between half and all of
 * {@code base * 2^(n-1)}, never more than {@code max}. The jitter keeps many pushes that failed together
 * (an APNs outage) from all coming back at the same moment; the lower half keeps the backoff real.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int retry, DoubleSupplier random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1");
        }
        long ceiling = base.toMillis() << Math.min(retry - 1, 30);
        if (ceiling <= 0 || ceiling > max.toMillis()) {
            ceiling = max.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
