package org.switchboard.sip.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;

class PushLimiterTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger limited = new AtomicInteger();
    private final PushLimiter limiter = new PushLimiter(2, clock, limited::incrementAndGet);

    @Test
    void aCallerPushesOneCalleeAtMostNTimesAMinute() {
        assertThat(limiter.allow("mallory@d", "alice")).isTrue();
        assertThat(limiter.allow("mallory@d", "alice")).isTrue();
        assertThat(limiter.allow("mallory@d", "alice")).isFalse();
        assertThat(limited).hasValue(1);
        assertThat(limiter.allow("mallory@d", "bob")).as("another callee").isTrue();
        assertThat(limiter.allow("carol@d", "alice")).as("another caller").isTrue();

        clock.advance(Duration.ofSeconds(60));
        limiter.sweep();
        assertThat(limiter.allow("mallory@d", "alice")).as("the next minute").isTrue();
    }

    @Test
    void zeroIsNoLimit() {
        PushLimiter off = new PushLimiter(0, clock, limited::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.allow("a", "b")).isTrue();
        }
        assertThat(limited).hasValue(0);
    }
}
