package org.switchboard.host.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void thirtyPartsAMinuteWithABurstOfOneIsOnePartEveryTwoSeconds() {
        Throttle throttle = new Throttle(30, 1, now::get);
        assertThat(throttle.delayFor(1)).isZero();
        throttle.take(1);
        assertThat(throttle.delayFor(1)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        advanceSeconds(1);
        assertThat(throttle.delayFor(1)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        advanceSeconds(1);
        assertThat(throttle.delayFor(1)).isZero();
    }

    @Test
    void noMoreThanRatePlusBurstPartsGoInAnyMinute() {
        Throttle throttle = new Throttle(30, 5, now::get);
        int sent = 0;
        long end = now.get() + TimeUnit.MINUTES.toNanos(1);
        while (now.get() < end) {
            long delay = throttle.delayFor(1);
            if (delay == 0) {
                throttle.take(1);
                sent++;
            } else {
                now.addAndGet(delay);
            }
        }
        assertThat(sent).isBetween(30, 35);
    }

    @Test
    void aLongMessageGoesAtOnceAndTheNextWaitsOffItsDebt() {
        Throttle throttle = new Throttle(60, 1, now::get); // one part a second
        assertThat(throttle.delayFor(4)).isZero();
        throttle.take(4); // three parts in debt
        assertThat(throttle.delayFor(1)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
        advanceSeconds(4);
        assertThat(throttle.delayFor(1)).isZero();
    }

    @Test
    void savedUpTokensStopAtTheBurst() {
        Throttle throttle = new Throttle(60, 3, now::get);
        advanceSeconds(3_600);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.delayFor(1)).isZero();
            throttle.take(1);
        }
        assertThat(throttle.delayFor(1)).isPositive();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Throttle(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Throttle(30, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
