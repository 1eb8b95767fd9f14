package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;
import reactor.core.publisher.Mono;

/**
 * Acceptances, part reports and notified marks share one call and one transaction ({@link OutcomeBatch}, V62): what
 * arrives together is applied together, acceptances first, and on a connection that has lived while the outbox grew
 * the call still reads the outbox by key.
 */
class OutcomeBatchTest {

    private static final String DOMAIN = "outcomebatch.test";
    private static final DatabaseClient shared = TestDatabase.client();
    private TestDatabase.OneConnection connection;
    private TestDatabase.OneConnection holder;
    private OutboxStore store;
    private PlaceholderHost host;

    @BeforeEach
    void oneConnectionAndAHost() {
        connection = TestDatabase.oneConnection();
        holder = TestDatabase.oneConnection();
        store = new OutboxStore(connection.client());
        host = PlaceholderHost.create("outcomebatch");
    }

    @AfterEach
    void close() {
        host.delete();
        shared.sql("DELETE FROM accounts WHERE domain = :domain").bind("domain", DOMAIN).fetch().rowsUpdated().block();
        holder.close();
        connection.close();
    }

    private OutboxMessage queueAndDispatch(String to) {
        OutboxMessage queued = store.enqueue(new OutboxStore.NewMessage(host.owner(), new SimRef(host.id(), null, null, null),
                Conversation.of(SmsAddress.parse(to)), "to " + to, null, null, false, List.of())).block();
        assertThat(store.dispatchNext(host.id(), List.of(), 10).map(dispatch -> dispatch.message().id()).collectList().block())
                .contains(queued.id());
        return queued;
    }

    private static OutboxStore.PartReport report(OutboxState state) {
        return new OutboxStore.PartReport(state, 0, 1, null, null, Instant.parse("2026-12-05T08:00:00Z"));
    }

    @Test
    void anAcceptanceAReportAndAMarkArrivingTogetherAreOneCallWithTheAcceptanceFirst() {
        OutboxMessage blocker = queueAndDispatch("+15550000501");
        OutboxMessage text = queueAndDispatch("+15550000502");
        OutboxMessage ended = queueAndDispatch("+15550000503");
        store.markAccepted(ended.id()).block();
        assertThat(store.report(host.id(), ended.publicId(), report(OutboxState.DELIVERED)).block().becameFinal()).isTrue();

        // a batch waits on a row lock held elsewhere; what arrives meanwhile gathers into the next batch
        DatabaseClient blocking = holder.client();
        blocking.sql("BEGIN").then().block();
        blocking.sql("SELECT id FROM sms_messages WHERE id = :id FOR UPDATE").bind("id", blocker.id()).fetch().all().then().block();
        Mono<OutboxMessage> blockerAccepted = store.markAccepted(blocker.id()).cache();
        blockerAccepted.subscribe();
        OutboxFixtures.awaitWaitingForALock("sms_apply_outcomes");
        Mono<OutboxMessage> accepted = store.markAccepted(text.id()).cache();
        Mono<OutboxStore.ReportOutcome> sent = store.report(host.id(), text.publicId(), report(OutboxState.SENT)).cache();
        Mono<Void> marked = store.markNotified(ended.id()).cache();
        Mono<OutboxMessage> acceptedAgain = store.markAccepted(text.id()).cache();
        accepted.subscribe();
        sent.subscribe();
        marked.subscribe();
        acceptedAgain.subscribe();
        blocking.sql("COMMIT").then().block();

        assertThat(blockerAccepted.block(Duration.ofSeconds(10)).state()).isEqualTo(OutboxState.ACCEPTED);
        assertThat(accepted.block(Duration.ofSeconds(10)).state()).isEqualTo(OutboxState.ACCEPTED);
        OutboxStore.ReportOutcome outcome = sent.block(Duration.ofSeconds(10));
        assertThat(outcome.before()).as("the report sees the acceptance of its own batch").isEqualTo(OutboxState.ACCEPTED);
        assertThat(outcome.message().state()).isEqualTo(OutboxState.SENT);
        marked.block(Duration.ofSeconds(10));
        assertThat(acceptedAgain.blockOptional(Duration.ofSeconds(10))).as("the same answer twice in one batch accepts once").isEmpty();
        assertThat(writtenBy(text.id())).as("the acceptance, the report and the mark in one transaction")
                .isEqualTo(writtenBy(ended.id())).isNotEqualTo(writtenBy(blocker.id()));
        assertThat(shared.sql("SELECT notified_at IS NOT NULL AS told FROM sms_messages WHERE id = :id").bind("id", ended.id())
                .map(row -> row.get("told", Boolean.class)).one().block()).isTrue();
    }

    @Test
    void aCallReadsTheOutboxByKeyAfterItGrewUnderTheSameConnection() {
        // the first calls plan (and keep the generic plan) with the outbox nearly empty
        for (int i = 0; i < 6; i++) {
            OutboxMessage text = queueAndDispatch("+1555000060" + i);
            store.markAccepted(text.id()).block();
            store.report(host.id(), text.publicId(), report(OutboxState.DELIVERED)).block();
            store.markNotified(text.id()).block();
        }
        // other people's hosts with 5,000 texts waiting, and 5,000 of this host's texts that ended
        OutboxFixtures.otherHostsWaiting(DOMAIN, 5000);
        OutboxFixtures.deliveredTexts(host, null, 5_000);
        OutboxMessage text = queueAndDispatch("+15550000700");

        TestDatabase.Counted<OutboxStore.ReportOutcome> late = TestDatabase.countedInTransaction(connection.client(), () -> {
            assertThat(store.markAccepted(text.id()).block().state()).isEqualTo(OutboxState.ACCEPTED);
            OutboxStore.ReportOutcome delivered = store.report(host.id(), text.publicId(), report(OutboxState.DELIVERED)).block();
            store.markNotified(text.id()).block();
            return delivered;
        }, "sms_messages", "sms_message_parts");

        assertThat(late.result().becameFinal()).isTrue();
        assertThat(late.of("sms_messages").readSequentially()).as("rows of sms_messages read sequentially").isLessThan(1_000);
        assertThat(late.of("sms_messages").fetchedByIndex()).as("rows of sms_messages fetched by index").isLessThan(1_000);
        assertThat(late.of("sms_message_parts").readSequentially()).as("rows of sms_message_parts read sequentially").isLessThan(1_000);
    }

    /** The transaction that wrote the message's row last. */
    private static String writtenBy(long id) {
        return shared.sql("SELECT xmin::text AS tx FROM sms_messages WHERE id = :id").bind("id", id)
                .map(row -> row.get("tx", String.class)).one().block();
    }
}
