package org.switchboard.common.sms.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.common.testing.TestDatabase;

/** Pairing codes against a real PostgreSQL: life, single use, races, and the host account they make. */
class PairingCodesTest {

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore accounts = new PostgresAccountStore(db, "pair.test", 4096);
    private final MutableClock clock = MutableClock.startingNow();
    private final PairingCodes codes = new PairingCodes(db, accounts, clock);
    private final PostgresHostStore hosts = new PostgresHostStore(db, accounts);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private Account owner;
    private Host host;

    @BeforeEach
    void ownerWithAHost() {
        owner = accounts.create("owner-" + UUID.randomUUID().toString().substring(0, 8), "owner-password", AccountKind.PERSON, Set.of()).block();
        host = hosts.create(owner.id(), "Kitchen phone").block();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aCodeIsSixDigitsForTenMinutesAndStoredOnlyAsItsHash() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        assertThat(code.code()).matches("[0-9]{6}");
        assertThat(code.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        List<byte[]> stored = db.sql("SELECT code_hash FROM sms_pairing_codes WHERE host_id = :id").bind("id", host.id())
                .map(row -> row.get("code_hash", byte[].class)).all().collectList().block();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).hasSize(32).isNotEqualTo(code.code().getBytes());
    }

    @Test
    void redeemingMakesAHostAccountOwnedByThePerson() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        Pairing pairing = codes.redeem(code.code()).block();

        assertThat(pairing.hostId()).isEqualTo(host.id());
        assertThat(pairing.repaired()).isFalse();
        assertThat(pairing.account().kind()).isEqualTo(AccountKind.HOST);
        assertThat(pairing.account().localpart()).isEqualTo(PairingCodes.localpartOf(host.id())).matches("host-[0-9a-f]{12}");
        assertThat(pairing.password()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(accounts.verifyPassword(pairing.account().localpart(), pairing.password()).block()).isTrue();
        Long ownerId = db.sql("SELECT owner_id FROM accounts WHERE id = :id").bind("id", pairing.account().id())
                .map(row -> row.get("owner_id", Long.class)).one().block();
        assertThat(ownerId).isEqualTo(owner.id());
        Host paired = hosts.find(owner.id(), host.id()).block();
        assertThat(paired.paired()).isTrue();
        assertThat(paired.accountLocalpart()).isEqualTo(pairing.account().localpart());
        assertThat(paired.pairedAt()).isNotNull();
    }

    @Test
    void aCodeWorksOnce() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        assertThat(codes.redeem(code.code()).block()).isNotNull();
        assertThat(codes.redeem(code.code()).block()).isNull();
    }

    @Test
    void anExpiredCodeDoesNotWork() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        clock.advance(Duration.ofMinutes(10));
        assertThat(codes.redeem(code.code()).block()).isNull();
        assertThat(hosts.find(owner.id(), host.id()).block().paired()).isFalse();
    }

    @Test
    void aCodeJustBeforeItsEndStillWorks() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(codes.redeem(code.code()).block()).isNotNull();
    }

    @Test
    void wrongAndMalformedCodesFindNothing() {
        PairingCode code = codes.issue(owner.id(), host.id()).block();
        String wrong = String.format("%06d", (Integer.parseInt(code.code()) + 1) % 1_000_000);
        assertThat(codes.redeem(wrong).block()).isNull();
        assertThat(codes.redeem("12345").block()).isNull();
        assertThat(codes.redeem("１２３４５６").block()).isNull();
        assertThat(codes.redeem(null).block()).isNull();
        assertThat(codes.redeem(code.code()).block()).isNotNull();
    }

    @Test
    void aNewCodeEndsTheOlderOne() {
        PairingCode first = codes.issue(owner.id(), host.id()).block();
        PairingCode second = codes.issue(owner.id(), host.id()).block();
        if (!first.code().equals(second.code())) {
            assertThat(codes.redeem(first.code()).block()).isNull();
        }
        assertThat(codes.redeem(second.code()).block()).isNotNull();
    }

    @Test
    void onlyTheOwnerGetsCodesForAHost() {
        Account stranger = accounts.create("stranger-" + UUID.randomUUID().toString().substring(0, 8), "stranger-password",
                AccountKind.PERSON, Set.of()).block();
        assertThat(codes.issue(stranger.id(), host.id()).block()).isNull();
        assertThat(codes.issue(owner.id(), UUID.randomUUID()).block()).isNull();
    }

    @Test
    void concurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            Host fresh = hosts.create(owner.id(), "Race " + round).block();
            String code = codes.issue(owner.id(), fresh.id()).block().code();
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Pairing>> racers = java.util.Collections.nCopies(8, () -> {
                start.await();
                return codes.redeem(code).block();
            });
            List<Future<Pairing>> results = racers.stream().map(pool::submit).toList();
            start.countDown();
            long winners = 0;
            for (Future<Pairing> result : results) {
                if (result.get() != null) {
                    winners++;
                }
            }
            assertThat(winners).as("winners in round " + round).isEqualTo(1);
            Long hostAccounts = db.sql("SELECT count(*) AS n FROM accounts WHERE localpart = :name")
                    .bind("name", PairingCodes.localpartOf(fresh.id())).map(row -> row.get("n", Long.class)).one().block();
            assertThat(hostAccounts).isEqualTo(1);
        }
    }

    @Test
    void pairingAgainGivesANewPasswordAndTheOldOneStopsWorking() {
        Pairing first = codes.redeem(codes.issue(owner.id(), host.id()).block().code()).block();
        Pairing second = codes.redeem(codes.issue(owner.id(), host.id()).block().code()).block();

        assertThat(second.repaired()).isTrue();
        assertThat(second.account().id()).isEqualTo(first.account().id());
        assertThat(second.password()).isNotEqualTo(first.password());
        assertThat(accounts.verifyPassword(second.account().localpart(), second.password()).block()).isTrue();
        assertThat(accounts.verifyPassword(first.account().localpart(), first.password()).block()).isFalse();
    }

    @Test
    void deletingTheHostDeletesItsAccountAndCodes() {
        Pairing pairing = codes.redeem(codes.issue(owner.id(), host.id()).block().code()).block();
        PairingCode pending = codes.issue(owner.id(), host.id()).block();

        Host deleted = hosts.delete(owner.id(), host.id()).block();
        assertThat(deleted.accountLocalpart()).isEqualTo(pairing.account().localpart());
        assertThat(accounts.find(pairing.account().localpart()).block()).isNull();
        assertThat(codes.redeem(pending.code()).block()).isNull();
        assertThat(hosts.find(owner.id(), host.id()).block()).isNull();
        assertThat(hosts.delete(owner.id(), host.id()).block()).isNull();
    }
}
