package org.switchboard.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.testing.MutableClock;

class AddressRateLimiterTest {

    @Test
    void refusesPastTheLimitWithRetryAfterAndResetsWithTheWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        AddressRateLimiter limiter = new AddressRateLimiter("login", 3, Duration.ofMinutes(1), clock);
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
        clock.advance(Duration.ofSeconds(61));
        limiter.acquire("192.0.2.1");
    }
}
