package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * What a text's life writes into {@code sms_messages} (V49). The outbox index is partial on the times that end
 * the wait, not on {@code state}, so of a text's five updates only the acceptance rewrites the table's indexes;
 * the others are heap-only. The statements are the store's own, run on one connection inside one transaction
 * so that PostgreSQL's per-transaction counters show exactly their updates.
 */
class OutboxRowWritesTest {

    private static final DatabaseClient shared = TestDatabase.client();
    private TestDatabase.OneConnection connection;
    private DatabaseClient one;
    private PlaceholderHost placeholder;
    private long owner;
    private UUID host;

    @BeforeEach
    void oneConnectionAndAHost() {
        connection = TestDatabase.oneConnection();
        one = connection.client();
        placeholder = PlaceholderHost.create("writes");
        owner = placeholder.owner();
        host = placeholder.id();
    }

    @AfterEach
    void close() {
        placeholder.delete();
        connection.close();
    }

    @Test
    void ofATextsFiveUpdatesOnlyItsAcceptanceRewritesTheIndexes() {
        OutboxStore store = new OutboxStore(one);
        Conversation to = Conversation.of(SmsAddress.parse("+15557654321"));
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        OutboxMessage queued = store.enqueue(new OutboxStore.NewMessage(owner, new SimRef(host, null, null, null), to, "hello",
                "x-1", "writer@writes.test/phone", true, List.of())).block();
        TestDatabase.Counted<OutboxStore.ReportOutcome> steps = TestDatabase.countedInTransaction(one, () -> {
            assertThat(store.dispatchNext(host, List.of(), 10).collectList().block())
                    .extracting(dispatch -> dispatch.message().id()).containsExactly(queued.id());
            store.markAccepted(queued.id()).block();
            store.report(host, queued.publicId(), new OutboxStore.PartReport(OutboxState.SENT, 0, 1, null, null, at)).block();
            OutboxStore.ReportOutcome delivered = store.report(host, queued.publicId(),
                    new OutboxStore.PartReport(OutboxState.DELIVERED, 0, 1, null, null, at)).block();
            store.markNotified(queued.id()).block();
            return delivered;
        }, "sms_messages");

        assertThat(steps.result().message().state()).isEqualTo(OutboxState.DELIVERED);
        assertThat(steps.of("sms_messages").updated()).as("dispatched, accepted, sent, delivered, notified").isEqualTo(5);
        assertThat(steps.of("sms_messages").updatedHeapOnly()).as("updates that wrote no index entry").isEqualTo(4);
    }

    @Test
    void aStateThatDisagreesWithTheTimesIsRefusedByName() {
        OutboxStore store = new OutboxStore(shared);
        OutboxMessage queued = store.enqueue(new OutboxStore.NewMessage(owner, new SimRef(host, null, null, null),
                Conversation.of(SmsAddress.parse("+15557654321")), "hello", null, null, false, List.of())).block();

        assertThatThrownBy(() -> shared.sql("UPDATE sms_messages SET state = 'sent' WHERE id = :id").bind("id", queued.id())
                .fetch().rowsUpdated().block())
                .hasMessageContaining("sms_messages_waiting_by_times");
    }

    @Test
    void deletingMessagesDeletesTheirEventsAndNoOthers() {
        OutboxStore store = new OutboxStore(shared);
        List<Long> ids = new ArrayList<>();
        for (String body : List.of("kept", "deleted")) {
            ids.add(store.enqueue(new OutboxStore.NewMessage(owner, new SimRef(host, null, null, null),
                    Conversation.of(SmsAddress.parse("+15557654321")), body, null, null, false, List.of())).block().id());
        }

        shared.sql("DELETE FROM sms_messages WHERE id = :id").bind("id", ids.get(1)).fetch().rowsUpdated().block();

        assertThat(shared.sql("SELECT message_id FROM sms_events WHERE owner_id = :owner").bind("owner", owner)
                .map(row -> row.get("message_id", Long.class)).all().collectList().block())
                .containsExactly(ids.get(0));
    }
}
