package org.switchboard.xmpp.xep.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;

class RegistrationLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final RegistrationLimit limit = new RegistrationLimit(3, clock);

    @Test
    void refusesTheRegistrationPastTheLimitOfOneAddressOnly() {
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();

        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();
        assertThat(limit.tryAcquire("192.0.2.2")).isTrue();
    }

    @Test
    void theWindowSlidesWithEachRegistration() {
        limit.tryAcquire("192.0.2.1");
        clock.advance(Duration.ofMinutes(40));
        limit.tryAcquire("192.0.2.1");
        limit.tryAcquire("192.0.2.1");
        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();

        // the first registration leaves the hour; the two later ones still count
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();
    }

    @Test
    void aReleasedReservationDoesNotCount() {
        limit.tryAcquire("192.0.2.1");
        limit.tryAcquire("192.0.2.1");
        limit.tryAcquire("192.0.2.1");
        limit.release("192.0.2.1");

        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();
    }
}
