package org.switchboard.turn.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BandwidthLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void oneSecondOfBurstThenTheRate() {
        BandwidthLimiter limiter = new BandwidthLimiter(1000, nanos::get);

        assertThat(limiter.tryAcquire(1000)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
        nanos.addAndGet(500_000_000L);
        assertThat(limiter.tryAcquire(500)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
        nanos.addAndGet(60_000_000_000L);
        assertThat(limiter.tryAcquire(1000)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
    }

    @Test
    void zeroMeansUnlimited() {
        BandwidthLimiter limiter = new BandwidthLimiter(0, nanos::get);

        assertThat(limiter.tryAcquire(Integer.MAX_VALUE)).isTrue();
    }
}
