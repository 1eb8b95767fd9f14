package org.switchboard.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;

class AddressRateLimiterTest {

    @Test
    void refusesPastTheLimitWithRetryAfterAndResetsWithTheWindow() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        AddressRateLimiter limiter = new AddressRateLimiter("login", 3, Duration.ofMinutes(1), new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return clock[0].instant(); }
        });
        for (int i = 0; i < 3; i++) {
            limiter.acquire("192.0.2.1");
        }
        assertThatThrownBy(() -> limiter.acquire("192.0.2.1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ApiProblem.RATE_LIMITED);
                    assertThat(e.retryAfterSeconds()).isEqualTo(60);
                    assertThat(e.getMessage()).contains("more than 3 login requests");
                });
        limiter.acquire("192.0.2.2");
        clock[0] = Clock.fixed(start.plusSeconds(61), ZoneOffset.UTC);
        limiter.acquire("192.0.2.1");
    }
}
