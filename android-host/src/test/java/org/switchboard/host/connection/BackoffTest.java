package org.switchboard.host.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void oneSecondDoublingToFiveMinutesEachInItsUpperHalf() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(42));
        long[] steps = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000};
        for (int failures = 0; failures < steps.length; failures++) {
            for (int sample = 0; sample < 200; sample++) {
                long delay = backoff.delay(failures).toMillis();
                assertThat(delay).as("after %d failures", failures).isBetween(steps[failures] / 2, steps[failures]);
            }
        }
        assertThat(backoff.delay(10_000).toMillis()).isBetween(150_000L, 300_000L); // no overflow far out
    }

    @Test
    void theJitterSpreadsHostsApart() {
        Backoff backoff = Backoff.standard();
        long first = backoff.delay(8).toMillis();
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = backoff.delay(8).toMillis() != first;
        }
        assertThat(differs).isTrue();
    }
}
