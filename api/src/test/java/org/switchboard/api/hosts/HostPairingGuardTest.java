package org.switchboard.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.testing.MutableClock;

/** The two pairing limits: per address, and wrong codes server-wide. */
class HostPairingGuardTest {

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void wrongCodesFromManyAddressesPausePairingForEveryoneUntilTheWindowEnds() {
        PairingGuard guard = new PairingGuard(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            guard.attempt("198.51.100." + i);
            guard.failed();
        }
        assertThatThrownBy(() -> guard.attempt("203.0.113.7"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ApiProblem.RATE_LIMITED);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 600L);
                    assertThat(e.getMessage()).contains("pairing is paused");
                });
        clock.advance(Duration.ofMinutes(10));
        guard.attempt("203.0.113.7");
    }

    @Test
    void oneAddressGetsItsOwnLimitWhetherItsCodesAreRightOrWrong() {
        PairingGuard guard = new PairingGuard(2, 100, clock);
        guard.attempt("192.0.2.1");
        guard.attempt("192.0.2.1");
        assertThatThrownBy(() -> guard.attempt("192.0.2.1")).isInstanceOf(ApiException.class);
        guard.attempt("192.0.2.2");
        clock.advance(PairingGuard.WINDOW);
        guard.attempt("192.0.2.1");
    }
}
