package org.switchboard.api.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingCeiling() {
        assertThat(backoff.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(1, () -> 0.999_999)).isEqualTo(Duration.ofMillis(499));
        assertThat(backoff.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(4, () -> 0.5)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void theWaitNeverPassesTheMaximumHoweverManyRetries() {
        assertThat(backoff.delay(7, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(60, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1000, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void retriesCountFromOne() {
        assertThatThrownBy(() -> backoff.delay(0, () -> 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
