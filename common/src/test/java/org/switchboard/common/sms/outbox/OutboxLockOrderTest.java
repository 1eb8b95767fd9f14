package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;
import reactor.core.publisher.Mono;

/**
 * Writers of many messages at once lock them in id order, as the reports' function does (V43): an acceptance
 * batch that took its locks in the outbox index's order (host, id) deadlocked with a reports batch whenever two
 * hosts' messages crossed, and each deadlock cost its batch PostgreSQL's deadlock_timeout (bench/sms, ten hosts).
 * The test holds the later message's lock and checks that the waiting acceptance already holds the earlier one.
 */
class OutboxLockOrderTest {

    private static final DatabaseClient shared = TestDatabase.client();
    private PlaceholderHost first;
    private PlaceholderHost second;
    private TestDatabase.OneConnection holder;
    private TestDatabase.OneConnection other;

    @BeforeEach
    void twoHostsAndTwoConnections() {
        first = PlaceholderHost.create("lockorder1");
        second = PlaceholderHost.create("lockorder2");
        holder = TestDatabase.oneConnection();
        other = TestDatabase.oneConnection();
    }

    @AfterEach
    void close() {
        holder.close();
        other.close();
        first.delete();
        second.delete();
    }

    @Test
    void anAcceptanceOfTwoHostsMessagesLocksTheEarlierMessageFirst() {
        // the earlier message goes to the host that sorts last, so the outbox index's order is the reverse of the ids'
        // (PostgreSQL compares UUIDs as unsigned bytes, Java's compareTo as signed numbers: ask the database)
        boolean firstSortsLast = first.id().equals(shared.sql("SELECT id AS last FROM sms_hosts WHERE id IN (:a, :b) ORDER BY id DESC LIMIT 1")
                .bind("a", first.id()).bind("b", second.id()).map(row -> row.get("last", UUID.class)).one().block());
        PlaceholderHost late = firstSortsLast ? first : second;
        PlaceholderHost early = firstSortsLast ? second : first;
        OutboxStore store = new OutboxStore(shared);
        pastTexts(early, 10_000);
        OutboxMessage blocker = queueAndDispatch(store, early, "+15550000001");
        OutboxMessage earlier = queueAndDispatch(store, late, "+15550000002");
        OutboxMessage later = queueAndDispatch(store, early, "+15550000003");
        assertThat(earlier.id()).isLessThan(later.id());

        // one connection holds the blocker, so the acceptances behind it gather into one batch; another the later message
        DatabaseClient blocking = holder.client();
        DatabaseClient holding = other.client();
        blocking.sql("BEGIN").then().block();
        lock(blocking, blocker.id(), "");
        holding.sql("BEGIN").then().block();
        lock(holding, later.id(), "");
        Mono<OutboxMessage> blockerAccepted = store.markAccepted(blocker.id()).cache();
        blockerAccepted.subscribe();
        OutboxFixtures.awaitWaitingForALock("sms_apply_outcomes");
        Mono<OutboxMessage> earlierAccepted = store.markAccepted(earlier.id()).cache();
        Mono<OutboxMessage> laterAccepted = store.markAccepted(later.id()).cache();
        earlierAccepted.subscribe();
        laterAccepted.subscribe();
        blocking.sql("COMMIT").then().block();
        assertThat(blockerAccepted.block(Duration.ofSeconds(10)).state()).isEqualTo(OutboxState.ACCEPTED);

        // the batch of both now waits for the later message: it must hold the earlier one already
        OutboxFixtures.awaitWaitingForALock("sms_apply_outcomes");
        assertThatThrownBy(() -> lock(holding, earlier.id(), " NOWAIT"))
                .as("the earlier message is locked by the waiting acceptance")
                .hasMessageContaining("could not obtain lock");
        holding.sql("ROLLBACK").then().block();

        assertThat(earlierAccepted.block(Duration.ofSeconds(10)).state()).isEqualTo(OutboxState.ACCEPTED);
        assertThat(laterAccepted.block(Duration.ofSeconds(10)).state()).isEqualTo(OutboxState.ACCEPTED);
    }

    /**
     * Texts that already left, as a server that has run a while has them: on an outbox of a few rows PostgreSQL
     * reads an acceptance's rows by primary key (in id order by chance); on a real one by the small index of
     * waiting messages, in (host, id) order.
     */
    private static void pastTexts(PlaceholderHost host, int count) {
        shared.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, direction, peers, conversation, body, state, accepted_at) "
                        + "SELECT gen_random_uuid(), :owner, :host, 'out', ARRAY['+15550000009'], '+15550000009', 'text ' || n, "
                        + "'accepted', now() FROM generate_series(1, :count) AS n")
                .bind("owner", host.owner()).bind("host", host.id()).bind("count", count).fetch().rowsUpdated().block();
        shared.sql("ANALYZE sms_messages").then().block();
    }

    private static OutboxMessage queueAndDispatch(OutboxStore store, PlaceholderHost host, String to) {
        OutboxMessage queued = store.enqueue(new OutboxStore.NewMessage(host.owner(), new SimRef(host.id(), null, null, null),
                Conversation.of(SmsAddress.parse(to)), "hello", null, null, false, List.of())).block();
        assertThat(store.dispatchNext(host.id(), List.of(), 10).map(dispatch -> dispatch.message().id()).collectList().block())
                .contains(queued.id());
        return queued;
    }

    private static void lock(DatabaseClient client, long id, String mode) {
        client.sql("SELECT id FROM sms_messages WHERE id = :id FOR UPDATE" + mode).bind("id", id).fetch().all().then().block();
    }
}
