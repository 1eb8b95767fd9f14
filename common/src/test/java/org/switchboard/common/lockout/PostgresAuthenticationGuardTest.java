package org.switchboard.common.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.common.testing.TestDatabase;

class PostgresAuthenticationGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(TestDatabase.client(),
            new LockoutPolicy(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(15)), clock);
    private final String name = "victim-" + UUID.randomUUID().toString().substring(0, 8);
    private final String address = "198.51.100." + (int) (Math.random() * 250);

    @Test
    void locksAnAccountAfterRepeatedFailuresAndLiftsItLater() {
        assertThat(guard.recordFailure(name, "192.0.2.1", "xmpp").block()).isNull();
        assertThat(guard.recordFailure(name, "192.0.2.2", "api").block()).isNull();
        Lockout lockout = guard.recordFailure(name, "192.0.2.3", "sip").block();
        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.ACCOUNT);
        assertThat(lockout.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(guard.check(name.toUpperCase(), "203.0.113.9").block()).isEqualTo(lockout);
        assertThat(lockout.retryAfterSeconds(clock.instant())).isEqualTo(900);

        clock.advance(Duration.ofMinutes(16));
        assertThat(guard.check(name, "203.0.113.9").block()).isNull();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        guard.recordFailure(name, address, "api").block();
        guard.recordFailure(name, address, "api").block();
        clock.advance(Duration.ofMinutes(11));
        assertThat(guard.recordFailure(name, address, "api").block()).isNull();
    }

    @Test
    void successClearsTheAccountCount() {
        guard.recordFailure(name, address, "api").block();
        guard.recordFailure(name, address, "api").block();
        guard.recordSuccess(name, address).block();
        assertThat(guard.recordFailure(name, address, "api").block()).isNull();
    }

    @Test
    void locksAnAddressThatSpraysManyNames() {
        Lockout lockout = null;
        for (int i = 0; i < 5; i++) {
            lockout = guard.recordFailure(name + "-" + i, address, "xmpp").block();
        }
        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.ADDRESS);
        assertThat(guard.check("someone-else", address).block().scope()).isEqualTo(Lockout.Scope.ADDRESS);
        assertThat(guard.check("someone-else", "192.0.2.200").block()).isNull();
    }

    @Test
    void adminClearLiftsAnAccountLock() {
        for (int i = 0; i < 3; i++) {
            guard.recordFailure(name, "192.0.2." + i, "api").block();
        }
        assertThat(guard.check(name, "192.0.2.99").block()).isNotNull();
        guard.clear(name).block();
        assertThat(guard.check(name, "192.0.2.99").block()).isNull();
    }
}
