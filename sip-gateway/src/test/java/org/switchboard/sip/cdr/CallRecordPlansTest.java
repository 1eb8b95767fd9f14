package org.switchboard.sip.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

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
        shared.sql("DELETE FROM accounts WHERE id = :caller").bind("caller", caller).fetch().rowsUpdated().block();
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

        one.sql("BEGIN").then().block();
        records.answered(answered, "sip:phone@127.0.0.1", now).block();
        records.failed(busy, 486, "Busy Here", now).block();
        records.hungUp("late-answered", now).block();
        long read = TestDatabase.sequentiallyReadInTransaction(one, "sip_calls");
        one.sql("COMMIT").then().block();

        assertThat(shared.sql("SELECT status, answered_at IS NOT NULL AS answered, ended_at IS NOT NULL AS ended FROM sip_calls "
                        + "WHERE id IN (:answered, :busy) ORDER BY id").bind("answered", answered).bind("busy", busy)
                .map(row -> row.get("status", Integer.class) + " " + row.get("answered", Boolean.class) + " " + row.get("ended", Boolean.class))
                .all().collectList().block())
                .containsExactly("200 true true", "486 false true");
        assertThat(read).as("rows of sip_calls read sequentially for an answer, a failure and a hang-up").isLessThan(1_000);
    }
}
