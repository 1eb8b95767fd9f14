package org.switchboard.sip.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.BindingChange;
import org.switchboard.sip.location.LocationStore;
import reactor.core.publisher.Flux;

/** Call records written in batches (ADR 0047) keep the rules of one write at a time, on PostgreSQL. */
class CallRecordsTest {

    private static final String DOMAIN = "cdr.test";
    private static final int CAP = 4;

    private final CallRecords records = new CallRecords(TestDatabase.client(), DOMAIN);
    private final PostgresAccountStore accounts = new PostgresAccountStore(TestDatabase.client(), DOMAIN, ScramCredential.MIN_ITERATIONS);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Account account(String prefix) {
        return accounts.create(prefix + UUID.randomUUID().toString().substring(0, 8), "password-1234", AccountKind.PERSON, Set.of()).block();
    }

    /** The record ids of calls with these Call-IDs from {@code caller} to a new account, started one after the other. */
    private List<Long> started(Account caller, List<String> callIds) {
        String callee = account("callee").localpart();
        return Flux.fromIterable(callIds).concatMap(callId -> records.start(callId, caller.id(), callee,
                "sip:a@" + DOMAIN, "sip:b@" + DOMAIN, 0, now)).map(CallRecords.Start::id).collectList().block();
    }

    private long open(long accountId) {
        return TestDatabase.client().sql("SELECT count(*) AS n FROM sip_calls WHERE caller_id = :id AND ended_at IS NULL")
                .bind("id", accountId).map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void attemptsArrivingTogetherStillStopAtTheCap() {
        Account caller = account("caller");
        List<String> callees = Flux.range(0, 10).map(i -> account("callee").localpart()).collectList().block();

        // all at once: they share batches, and each counts the open calls of those before it
        List<CallRecords.Start> starts = Flux.mergeSequential(callees.stream().map(callee -> records.start("call-" + UUID.randomUUID(),
                caller.id(), callee, "sip:" + caller.localpart() + "@" + DOMAIN, "sip:" + callee + "@" + DOMAIN, CAP, now)).toList())
                .collectList().block();

        assertThat(starts).filteredOn(start -> !start.refused()).hasSize(CAP);
        assertThat(starts).filteredOn(CallRecords.Start::refused).hasSize(callees.size() - CAP)
                .allSatisfy(start -> assertThat(start.refusal()).isEqualTo(403));
        assertThat(starts).extracting(CallRecords.Start::id).doesNotHaveDuplicates();
        assertThat(open(caller.id())).as("committed, and only the admitted ones open").isEqualTo(CAP);
    }

    @Test
    void aStartCarriesItsCalleesReachableBindingsOldestFirst() {
        Account caller = account("caller");
        Account callee = account("callee");
        Account alone = account("alone");
        LocationStore location = new LocationStore(TestDatabase.client());
        Binding desk = new Binding("sip:desk@127.0.0.1:5070", "call-desk", 1, "127.0.0.1", 5070, "udp", "desk", now.plusSeconds(3600));
        Binding laptop = new Binding("sip:laptop@127.0.0.1:5071", "call-laptop", 1, "127.0.0.1", 5071, "udp", "laptop", now.plusSeconds(60));
        Binding lapsed = new Binding("sip:old@127.0.0.1:5072", "call-old", 1, "127.0.0.1", 5072, "udp", "old", now.plusSeconds(1));
        for (Binding binding : List.of(desk, laptop, lapsed)) {
            location.apply(callee.id(), List.of(new BindingChange(binding, false)), false, 5, now).block();
        }
        Instant later = now.plusSeconds(30);   // the third has expired by then

        // arriving together, they share a batch: each gets its own callee's bindings
        List<CallRecords.Start> starts = Flux.mergeSequential(
                records.start("call-" + UUID.randomUUID(), caller.id(), callee.localpart(), "sip:a@" + DOMAIN, "sip:b@" + DOMAIN, 0, later),
                records.start("call-" + UUID.randomUUID(), caller.id(), alone.localpart(), "sip:a@" + DOMAIN, "sip:c@" + DOMAIN, 0, later),
                records.start("call-" + UUID.randomUUID(), caller.id(), "+15551234567", "sip:a@" + DOMAIN, "sip:+15551234567@" + DOMAIN, 0, later),
                records.start("call-" + UUID.randomUUID(), caller.id(), "nobody", "sip:a@" + DOMAIN, "sip:n@" + DOMAIN, 0, later))
                .collectList().block();

        assertThat(starts.get(0).reachable()).containsExactly(desk, laptop);
        assertThat(starts.get(0).reachable()).isEqualTo(location.lookup(callee.localpart(), DOMAIN, later).collectList().block());
        assertThat(starts.get(1).reachable()).as("an account without phones").isEmpty();
        assertThat(starts.get(2).reachable()).as("a phone number for the trunk").isEmpty();
        assertThat(starts.get(3).reachable()).as("no such account").isEmpty();
        assertThat(starts).extracting(CallRecords.Start::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
    }

    @Test
    void aRefusedStartCarriesNoBindings() {
        Account caller = account("caller");
        Account callee = account("callee");
        new LocationStore(TestDatabase.client()).apply(callee.id(), List.of(new BindingChange(
                new Binding("sip:desk@127.0.0.1:5070", "call-desk", 1, "127.0.0.1", 5070, "udp", "desk", now.plusSeconds(3600)), false)),
                false, 5, now).block();
        List<CallRecords.Start> starts = Flux.range(0, 2).concatMap(i -> records.start("call-" + UUID.randomUUID(), caller.id(),
                callee.localpart(), "sip:a@" + DOMAIN, "sip:b@" + DOMAIN, 1, now)).collectList().block();

        assertThat(starts.get(0).refused()).isFalse();
        assertThat(starts.get(0).reachable()).hasSize(1);
        assertThat(starts.get(1).refusal()).as("over the cap of one call").isEqualTo(403);
        assertThat(starts.get(1).reachable()).isEmpty();
    }

    @Test
    void answersAndHangUpsArrivingTogetherEachEndTheirOwnCall() {
        Account caller = account("caller");
        List<String> callIds = Flux.range(0, 6).map(i -> "call-" + UUID.randomUUID()).collectList().block();
        List<Long> ids = started(caller, callIds);

        Flux.range(0, 6).flatMap(i -> i % 2 == 0 ? records.answered(ids.get(i), "sip:phone-" + i + "@127.0.0.1", now)
                : records.failed(ids.get(i), 486, "Busy Here", now)).then().block();
        Flux.range(0, 6).filter(i -> i % 2 == 0).flatMap(i -> records.hungUp(callIds.get(i), now.plusSeconds(i))).then().block();

        for (int i = 0; i < 6; i++) {
            var row = TestDatabase.client().sql("SELECT status, answered_by, ended_at FROM sip_calls WHERE id = :id").bind("id", ids.get(i))
                    .fetch().one().block();
            assertThat(row.get("ended_at")).as("call " + i + " ended").isNotNull();
            if (i % 2 == 0) {
                assertThat(row).containsEntry("status", 200).containsEntry("answered_by", "sip:phone-" + i + "@127.0.0.1");
            } else {
                assertThat(row).containsEntry("status", 486).containsEntry("answered_by", null);
            }
        }
        assertThat(open(caller.id())).isZero();
    }

    @Test
    void answersFailuresAndHangUpsOfOneBurstShareStatementsAndEachKeepsItsRule() {
        Account caller = account("caller");
        List<String> callIds = Flux.range(0, 9).map(i -> "call-" + UUID.randomUUID()).collectList().block();
        List<Long> ids = started(caller, callIds);
        // calls 0-2 were answered before; in the burst they hang up while 3-5 are answered (and 3 at once hung up too),
        // 6-8 fail, and 0 is hung up twice (a retransmitted BYE)
        Flux.range(0, 3).flatMap(i -> records.answered(ids.get(i), "sip:early-" + i + "@127.0.0.1", now)).then().block();

        Flux.merge(
                Flux.range(0, 3).flatMap(i -> records.hungUp(callIds.get(i), now.plusSeconds(10 + i))),
                records.hungUp(callIds.get(0), now.plusSeconds(30)),
                Flux.range(3, 3).flatMap(i -> records.answered(ids.get(i), "sip:phone-" + i + "@127.0.0.1", now.plusSeconds(1))),
                records.hungUp(callIds.get(3), now.plusSeconds(20)),
                Flux.range(6, 3).flatMap(i -> records.failed(ids.get(i), 480, "Temporarily Unavailable", now.plusSeconds(2))))
                .then().block();

        for (int i = 0; i < 9; i++) {
            var row = TestDatabase.client().sql("SELECT status, answered_by, answered_at, ended_at FROM sip_calls WHERE id = :id")
                    .bind("id", ids.get(i)).fetch().one().block();
            String call = "call " + i;
            if (i < 3) {
                assertThat(row).as(call).containsEntry("status", 200).containsEntry("answered_by", "sip:early-" + i + "@127.0.0.1");
                assertThat(row.get("ended_at")).as(call + " ended").isNotNull();
            } else if (i < 6) {
                assertThat(row).as(call).containsEntry("status", 200).containsEntry("answered_by", "sip:phone-" + i + "@127.0.0.1");
                assertThat(row.get("ended_at") != null).as(call + " ended only if hung up").isEqualTo(i == 3);
            } else {
                assertThat(row).as(call).containsEntry("status", 480).containsEntry("answered_by", null);
                assertThat(row.get("ended_at")).as(call + " ended").isNotNull();
            }
        }
        var first = TestDatabase.client().sql("SELECT ended_at FROM sip_calls WHERE id = :id").bind("id", ids.get(0))
                .map(row -> row.get("ended_at", java.time.OffsetDateTime.class)).one().block();
        assertThat(first.toInstant()).as("a second BYE does not move the end").isEqualTo(now.plusSeconds(10));
    }
}
