package org.switchboard.common.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.common.testing.TestDatabase;

class PostgresAuthenticationGuardTest {

    /** Addresses no other test of this JVM uses, so counts in the shared database are this test's own. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(TestDatabase.client(),
            new LockoutPolicy(3, 5, 8, Duration.ofMinutes(10), Duration.ofMinutes(15)), clock);
    private final String name = "victim-" + UUID.randomUUID().toString().substring(0, 8);

    private static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    @Test
    void guessesFromOneAddressLockThatAddressOutOfTheAccountOnly() {
        String attacker = freshAddress();
        assertThat(guard.recordFailure(name, attacker, "xmpp").block()).isNull();
        assertThat(guard.recordFailure(name, attacker, "api").block()).isNull();
        Lockout lockout = guard.recordFailure(name, attacker, "sip").block();

        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.PAIR);
        assertThat(lockout.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(guard.check(name.toUpperCase(), attacker).block()).isEqualTo(lockout);
        assertThat(guard.check(name, freshAddress()).block()).as("the owner elsewhere").isNull();
        assertThat(guard.check("someone-else", attacker).block()).as("other accounts from there").isNull();

        clock.advance(Duration.ofMinutes(16));
        assertThat(guard.check(name, attacker).block()).isNull();
    }

    @Test
    void aThousandGuessesFromOneAddressLockTheAddressNotTheOwner() {
        LockoutPolicy defaults = LockoutPolicy.DEFAULT;
        PostgresAuthenticationGuard realistic = new PostgresAuthenticationGuard(TestDatabase.client(), defaults, clock);
        String attacker = freshAddress();
        int counted = 0;
        for (int i = 0; i < 1000; i++) {
            // every protocol checks first and counts only attempts that were let through
            if (realistic.check(name, attacker).block() != null) {
                continue;
            }
            realistic.recordFailure(name + (i % 10 == 0 ? "" : "-" + i), attacker, "api").block();
            counted++;
        }
        assertThat(counted).isEqualTo(defaults.addressFailures());
        assertThat(realistic.check(name, attacker).block()).isNotNull();
        assertThat(realistic.check(name, freshAddress()).block()).as("the owner from another address").isNull();
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheAccountEverywhere() {
        Lockout lockout = null;
        for (int i = 0; i < 8; i++) {
            lockout = guard.recordFailure(name, freshAddress(), "api").block();
        }
        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.ACCOUNT);
        assertThat(guard.check(name, freshAddress()).block().scope()).isEqualTo(Lockout.Scope.ACCOUNT);
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        String address = freshAddress();
        guard.recordFailure(name, address, "api").block();
        guard.recordFailure(name, address, "api").block();
        clock.advance(Duration.ofMinutes(11));
        assertThat(guard.recordFailure(name, address, "api").block()).isNull();
    }

    @Test
    void successClearsTheCountOfItsOwnAddressOnly() {
        String home = freshAddress();
        String attacker = freshAddress();
        guard.recordFailure(name, home, "api").block();
        guard.recordFailure(name, home, "api").block();
        guard.recordFailure(name, attacker, "api").block();
        guard.recordFailure(name, attacker, "api").block();

        guard.recordSuccess(name, home).block();

        assertThat(guard.recordFailure(name, home, "api").block()).isNull();
        assertThat(guard.recordFailure(name, attacker, "api").block().scope()).isEqualTo(Lockout.Scope.PAIR);
    }

    @Test
    void locksAnAddressThatSpraysManyNames() {
        String address = freshAddress();
        Lockout lockout = null;
        for (int i = 0; i < 5; i++) {
            lockout = guard.recordFailure(name + "-" + i, address, "xmpp").block();
        }
        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.ADDRESS);
        assertThat(guard.check("someone-else", address).block().scope()).isEqualTo(Lockout.Scope.ADDRESS);
        assertThat(guard.check("someone-else", freshAddress()).block()).isNull();
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        int n = ADDRESSES.incrementAndGet();
        String prefix = "2001:db8:" + Integer.toHexString(n) + ":7:";
        guard.recordFailure(name, prefix + ":1", "xmpp").block();
        guard.recordFailure(name, prefix + "a:b:c:d", "xmpp").block();
        Lockout lockout = guard.recordFailure(name, "[" + prefix + ":ffff]", "xmpp").block();

        assertThat(lockout.scope()).isEqualTo(Lockout.Scope.PAIR);
        assertThat(guard.check(name, prefix + "1234:5678:9abc:def0").block()).isNotNull();
        assertThat(guard.check(name, "2001:db8:" + Integer.toHexString(n) + ":8::1").block()).isNull();
    }

    @Test
    void adminClearLiftsAccountAndPairLocks() {
        for (int i = 0; i < 8; i++) {
            guard.recordFailure(name, freshAddress(), "api").block();
        }
        String attacker = freshAddress();
        for (int i = 0; i < 3; i++) {
            guard.recordFailure(name, attacker, "api").block();
        }
        assertThat(guard.check(name, freshAddress()).block()).isNotNull();

        guard.clear(name).block();

        assertThat(guard.check(name, freshAddress()).block()).isNull();
        assertThat(guard.check(name, attacker).block()).isNull();
    }

    private AuthenticationGuard.Standing standing(String localpart, String address) {
        return guard.standings(List.of(new AuthenticationGuard.Attempt(localpart, address))).block().get(0);
    }

    @Test
    void theStandingTellsTheLockAndWhetherASuccessHasFailuresToClear() {
        String owner = freshAddress();
        assertThat(standing(name, owner)).isEqualTo(new AuthenticationGuard.Standing(null, false));

        guard.recordFailure(name, owner, "xmpp").block();
        assertThat(standing(name.toUpperCase(), owner)).isEqualTo(new AuthenticationGuard.Standing(null, true));
        assertThat(standing(name, freshAddress()).failures()).as("only this address's").isFalse();

        guard.recordSuccess(name, owner).block();
        assertThat(standing(name, owner)).isEqualTo(new AuthenticationGuard.Standing(null, false));

        guard.recordFailure(name, owner, "sip").block();
        guard.recordFailure(name, owner, "sip").block();
        Lockout lockout = guard.recordFailure(name, owner, "sip").block();
        assertThat(standing(name, owner)).isEqualTo(new AuthenticationGuard.Standing(lockout, true));
    }

    @Test
    void manyStandingsAreLookedUpAtOnceInTheOrderAsked() {
        String locked = freshAddress();
        String failed = freshAddress();
        String clean = freshAddress();
        Lockout lockout = null;
        for (int i = 0; i < 3; i++) {
            lockout = guard.recordFailure(name, locked, "sip").block();
        }
        guard.recordFailure(name, failed, "xmpp").block();

        List<AuthenticationGuard.Standing> standings = guard.standings(List.of(new AuthenticationGuard.Attempt(name, clean),
                new AuthenticationGuard.Attempt(name.toUpperCase(), locked), new AuthenticationGuard.Attempt(name, failed),
                new AuthenticationGuard.Attempt("someone-else", locked), new AuthenticationGuard.Attempt(name, clean))).block();

        assertThat(standings).containsExactly(new AuthenticationGuard.Standing(null, false), new AuthenticationGuard.Standing(lockout, true),
                new AuthenticationGuard.Standing(null, true), new AuthenticationGuard.Standing(null, false),
                new AuthenticationGuard.Standing(null, false));
    }
}
