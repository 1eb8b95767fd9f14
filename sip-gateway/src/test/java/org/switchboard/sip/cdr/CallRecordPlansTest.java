package org.switchboard.sip.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.BindingChange;
import org.switchboard.sip.location.LocationStore;

/**
 * The answer, failure and hang-up writes of call records on a connection that has lived while {@code sip_calls}
 * grew. As plain statements each kept the plan its connection made while the table was small: a sequential read of
 * all of {@code sip_calls} per batch (bench/sip: 3.5 million rows read in 10 s at 300 calls/s, the largest share of
 * PostgreSQL's time per call). Since V48 they are functions planned for each call, for the table as it is.
 */
class CallRecordPlansTest {

    private static final String DOMAIN = "plans.test";
    private static final DatabaseClient shared = TestDatabase.client();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private TestDatabase.OneConnection connection;
    private DatabaseClient one;
    private CallRecords records;
    private long caller;

    @BeforeEach
    void oneConnectionAndACaller() {
        connection = TestDatabase.oneConnection();
        one = connection.client();
        records = new CallRecords(one, DOMAIN);
        caller = TestDatabase.placeholderAccount("calls", DOMAIN);
    }

    @AfterEach
    void close() {
        shared.sql("DELETE FROM sip_calls WHERE caller_id = :caller").bind("caller", caller).fetch().rowsUpdated().block();
        shared.sql("DELETE FROM accounts WHERE id = :caller OR (domain = :domain AND localpart NOT LIKE 'calls%')")
                .bind("caller", caller).bind("domain", DOMAIN).fetch().rowsUpdated().block();
        connection.close();
    }

    private long start(String callId) {
        return records.start(callId, caller, "nobody", "sip:caller@" + DOMAIN, "sip:nobody@" + DOMAIN, 0, now).block().id();
    }

    @Test
    void answersFailuresAndHangUpsReadOnlyTheirOwnCallsAfterTheTableGrew() {
        // the first writes plan (and, per connection, may cache) with the table nearly empty
        for (int i = 0; i < 6; i++) {
            long answered = start("early-answered-" + i);
            records.answered(answered, "sip:phone@127.0.0.1", now).block();
            records.hungUp("early-answered-" + i, now).block();
            records.failed(start("early-busy-" + i), 486, "Busy Here", now).block();
        }
        shared.sql("INSERT INTO sip_calls (call_id, caller_id, from_uri, to_uri, started_at) "
                        + "SELECT 'filler-' || n, :caller, 'sip:a@" + DOMAIN + "', 'sip:b@" + DOMAIN + "', now() FROM generate_series(1, 20000) AS n")
                .bind("caller", caller).fetch().rowsUpdated().block();
        long answered = start("late-answered");
        long busy = start("late-busy");

        long read = TestDatabase.countedInTransaction(one, () -> {
            records.answered(answered, "sip:phone@127.0.0.1", now).block();
            records.failed(busy, 486, "Busy Here", now).block();
            return records.hungUp("late-answered", now).block();
        }, "sip_calls").of("sip_calls").readSequentially();

        assertThat(shared.sql("SELECT status, answered_at IS NOT NULL AS answered, ended_at IS NOT NULL AS ended FROM sip_calls "
                        + "WHERE id IN (:answered, :busy) ORDER BY id").bind("answered", answered).bind("busy", busy)
                .map(row -> row.get("status", Integer.class) + " " + row.get("answered", Boolean.class) + " " + row.get("ended", Boolean.class))
                .all().collectList().block())
                .containsExactly("200 true true", "486 false true");
        assertThat(read).as("rows of sip_calls read sequentially for an answer, a failure and a hang-up").isLessThan(1_000);
    }

    @Test
    void aStartReadsOnlyItsCalleesBindingsAfterTheTablesGrew() {
        long callee = TestDatabase.placeholderAccount("callee", DOMAIN);
        String localpart = shared.sql("SELECT localpart FROM accounts WHERE id = :id").bind("id", callee)
                .map(row -> row.get("localpart", String.class)).one().block();
        register(callee, "sip:desk@127.0.0.1:5070");
        // the first starts plan (and, per connection, may cache) with both tables small
        for (int i = 0; i < 6; i++) {
            assertThat(reach("early-" + i, localpart)).hasSize(1);
        }
        TestDatabase.placeholderAccounts("filler-", DOMAIN, 5000);
        shared.sql("INSERT INTO sip_registrations (account_id, contact_uri, call_id, cseq, source_address, source_port, transport, expires_at) "
                        + "SELECT a.id, 'sip:phone-' || k || '@127.0.0.1', 'filler', 1, '127.0.0.1', 5060, 'udp', now() + interval '1 hour' "
                        + "FROM accounts a CROSS JOIN generate_series(1, 4) AS k WHERE a.domain = :domain AND a.localpart LIKE 'filler-%'")
                .bind("domain", DOMAIN).fetch().rowsUpdated().block();
        // as autovacuum would, in time: until the statistics change, the joined read of the bindings keeps the generic plan
        // its prepared statement made while accounts was small, which reads all of accounts per start (5,002 rows when
        // this test runs alone without it); the function that starts the record finds its rows by key either way (V54)
        shared.sql("ANALYZE accounts, sip_registrations").then().block();

        TestDatabase.Counted<List<Binding>> late = TestDatabase.countedInTransaction(one, () -> reach("late", localpart),
                "sip_registrations", "accounts");

        assertThat(late.result()).extracting(Binding::contactUri).containsExactly("sip:desk@127.0.0.1:5070");
        assertThat(late.of("sip_registrations").readSequentially()).as("rows of sip_registrations read sequentially for one start")
                .isLessThan(1_000);
        assertThat(late.of("accounts").readSequentially()).as("rows of accounts read sequentially for one start").isLessThan(1_000);
    }

    private List<Binding> reach(String callId, String callee) {
        return records.start(callId, caller, callee, "sip:caller@" + DOMAIN, "sip:" + callee + "@" + DOMAIN, 0, now).block().reachable();
    }

    private void register(long account, String contact) {
        new LocationStore(shared).apply(account, List.of(new BindingChange(
                new Binding(contact, "call-" + contact, 1, "127.0.0.1", 5070, "udp", "desk", now.plusSeconds(3600)), false)), false, 5, now).block();
    }
}
