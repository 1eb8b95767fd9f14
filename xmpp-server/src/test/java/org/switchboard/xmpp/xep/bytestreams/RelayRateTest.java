package org.switchboard.xmpp.xep.bytestreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token bucket with a hand-moved clock. */
class RelayRateTest {

    private long now = 1_000_000L;

    @Test
    void aSecondsWorthGoesAtOnceThenTheDebtIsPaidAtTheRate() {
        RelayRate rate = new RelayRate(1000, () -> now);
        assertThat(rate.take(600)).isZero();
        assertThat(rate.take(400)).as("exactly the burst").isZero();
        assertThat(rate.take(500)).as("half a second of debt").isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        now += TimeUnit.MILLISECONDS.toNanos(500);
        assertThat(rate.take(0)).as("paid").isZero();
        assertThat(rate.take(250)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    }

    @Test
    void aQuietStreamSavesNoMoreThanOneSecond() {
        RelayRate rate = new RelayRate(1000, () -> now);
        now += TimeUnit.HOURS.toNanos(1);
        assertThat(rate.take(1000)).isZero();
        assertThat(rate.take(1000)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void zeroMeansNoLimit() {
        RelayRate rate = new RelayRate(0, () -> now);
        assertThat(rate.take(Integer.MAX_VALUE)).isZero();
        assertThat(rate.take(Integer.MAX_VALUE)).isZero();
    }
}
