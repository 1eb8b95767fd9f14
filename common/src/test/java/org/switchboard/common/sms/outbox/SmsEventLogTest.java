package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * The REST API's event log of SMS ({@code sms_events}, V23, written per statement since V44): every message
 * stored and every change of state gives one event, in message order, whichever statement made it and however
 * many rows it changed; other changes give none.
 */
class SmsEventLogTest {

    private static final DatabaseClient db = TestDatabase.client();
    private long owner;

    @BeforeEach
    void anAccount() {
        owner = TestDatabase.placeholderAccount("events", "events.test");
    }

    private List<Long> insert(int count) {
        return db.sql("INSERT INTO sms_messages (public_id, owner_id, direction, peers, conversation, body, state) "
                        + "SELECT gen_random_uuid(), :owner, 'out', ARRAY['+15550001'], '+15550001', 'text ' || n, 'queued' "
                        + "FROM generate_series(1, :count) AS n RETURNING id")
                .bind("owner", owner).bind("count", count).map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    /** The owner's events as "message id:kind:state", in the order a reader of the stream gets them. */
    private List<String> events() {
        return db.sql("SELECT message_id || ':' || kind || ':' || state AS e FROM sms_events WHERE owner_id = :owner ORDER BY tx, id")
                .bind("owner", owner).map(row -> row.get("e", String.class)).all().collectList().block();
    }

    @Test
    void oneStatementStoringSeveralMessagesLogsEachOnceInOrder() {
        List<Long> ids = insert(3);

        assertThat(events()).containsExactly(ids.get(0) + ":message:queued", ids.get(1) + ":message:queued",
                ids.get(2) + ":message:queued");
    }

    @Test
    void onlyTheRowsWhoseStateChangedAreLoggedAndOtherUpdatesLogNothing() {
        List<Long> ids = insert(3);
        db.sql("UPDATE sms_messages SET state = CASE WHEN id = :first THEN 'queued' ELSE 'dispatched' END WHERE id = ANY(:ids)")
                .bind("first", ids.get(0)).bind("ids", ids.toArray(Long[]::new)).fetch().rowsUpdated().block();
        db.sql("UPDATE sms_messages SET notified_at = now(), parts = 1 WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new)).fetch().rowsUpdated().block();
        db.sql("UPDATE sms_messages SET state = 'accepted', accepted_at = now() WHERE id = :id").bind("id", ids.get(2)).fetch().rowsUpdated().block();

        assertThat(events()).containsExactly(ids.get(0) + ":message:queued", ids.get(1) + ":message:queued",
                ids.get(2) + ":message:queued", ids.get(1) + ":state:dispatched", ids.get(2) + ":state:dispatched",
                ids.get(2) + ":state:accepted");
    }

    @Test
    void deletingTheAccountDeletesItsMessagesEvents() {
        insert(2);

        db.sql("DELETE FROM accounts WHERE id = :owner").bind("owner", owner).fetch().rowsUpdated().block();

        assertThat(events()).isEmpty();
    }
}
