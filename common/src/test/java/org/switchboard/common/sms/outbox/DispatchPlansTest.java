package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * A dispatch pass ({@link DispatchBatch}) on a connection that has lived while the outbox grew: its prepared
 * statement may keep a plan made while the outbox was small, and that plan must still read the outbox by its index.
 * The outbox is not analysed here, as in the minute before autovacuum catches up with a fast growth. Since V57 the pass
 * is a function that keeps one generic plan per connection, made with sequential scans ruled out (ADR 0057).
 */
class DispatchPlansTest {

    private static final String DOMAIN = "dispatchplans.test";
    private static final DatabaseClient shared = TestDatabase.client();
    private TestDatabase.OneConnection connection;
    private OutboxStore store;
    private PlaceholderHost host;
    private long sim;

    @BeforeEach
    void oneConnectionAndAHostWithASim() {
        connection = TestDatabase.oneConnection();
        store = new OutboxStore(connection.client());
        host = PlaceholderHost.create("dispatchplans");
        sim = shared.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, region) VALUES (:host, 7, 0, 'US') RETURNING id")
                .bind("host", host.id()).map(row -> row.get("id", Long.class)).one().block();
    }

    @AfterEach
    void close() {
        host.delete();
        shared.sql("DELETE FROM accounts WHERE domain = :domain").bind("domain", DOMAIN).fetch().rowsUpdated().block();
        connection.close();
    }

    private long queue(String to) {
        return store.enqueue(new OutboxStore.NewMessage(host.owner(), new SimRef(host.id(), sim, 7, "US"),
                Conversation.of(SmsAddress.parse(to)), "to " + to, null, null, false, List.of())).block().id();
    }

    private List<OutboxStore.Dispatch> pass(List<String> busy) {
        return store.dispatchNext(host.id(), busy, 10).collectList().block();
    }

    @Test
    void aPassReadsTheOutboxByIndexAfterItGrewAndTakesTheRightMessages() {
        // the first passes plan (and keep the generic plan) with the outbox nearly empty
        for (int i = 0; i < 6; i++) {
            long queued = queue("+1555000020" + i);
            assertThat(pass(List.of())).extracting(dispatch -> dispatch.message().id()).containsExactly(queued);
            store.markAccepted(queued).block(); // the phone took it: no longer waiting
        }
        // other people's hosts with 5,000 texts waiting, and this host's 5,000 texts that ended
        OutboxFixtures.otherHostsWaiting(DOMAIN, 5000);
        OutboxFixtures.deliveredTexts(host, sim, 5_000);

        long first = queue("+15550000300");
        queue("+15550000300");
        long other = queue("+15550000301");
        long busy = queue("+15550000302");
        TestDatabase.Counted<List<OutboxStore.Dispatch>> late = TestDatabase.countedInTransaction(connection.client(),
                () -> pass(List.of("+15550000302")), "sms_messages", "sms_sims");

        assertThat(late.result()).extracting(dispatch -> dispatch.message().id())
                .as("the oldest of each free conversation, oldest first").containsExactly(first, other).doesNotContain(busy);
        assertThat(late.result()).allSatisfy(dispatch -> {
            assertThat(dispatch.message().state()).isEqualTo(OutboxState.DISPATCHED);
            assertThat(dispatch.subscriptionId()).isEqualTo(7);
        });
        assertThat(late.of("sms_messages").readSequentially()).as("rows of sms_messages read sequentially for one pass").isLessThan(1_000);
        assertThat(late.of("sms_sims").readSequentially()).as("rows of sms_sims read sequentially for one pass").isLessThan(1_000);
        // the 5,000 texts waiting for other hosts are not this pass's to read: not to choose, lock or mark its own (V61:
        // 10,012 before, when the lock and the update each read the whole waiting index)
        assertThat(late.of("sms_messages").fetchedByIndex()).as("rows of sms_messages fetched by index for one pass").isLessThan(1_000);
    }

    /**
     * What made bench/sms collapse (V57): a host with thousands of texts waiting among many more that ended, and the
     * statistics saying so. The plain statement's plan then read {@code sms_messages} whole on every pass.
     */
    @Test
    void aPassOverADeepQueueAmongManyEndedTextsReadsByIndexAndTakesTheOldestHeads() {
        OutboxFixtures.deliveredTexts(host, sim, 30_000);
        long first = queue("+15550000400");
        shared.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, peers, conversation, body, state) "
                        + "SELECT gen_random_uuid(), :owner, :host, :sim, 'out', ARRAY['+1555002' || lpad((n % 800)::text, 4, '0')], "
                        + "'+1555002' || lpad((n % 800)::text, 4, '0'), 'waiting', 'queued' FROM generate_series(1, 5000) AS n")
                .bind("owner", host.owner()).bind("host", host.id()).bind("sim", sim).fetch().rowsUpdated().block();
        shared.sql("ANALYZE sms_messages").fetch().rowsUpdated().block();

        TestDatabase.Counted<List<OutboxStore.Dispatch>> deep = TestDatabase.countedInTransaction(connection.client(),
                () -> pass(List.of()), "sms_messages", "sms_sims");

        assertThat(deep.result()).hasSize(10);
        assertThat(deep.result().get(0).message().id()).as("the oldest waiting text first").isEqualTo(first);
        assertThat(deep.result()).extracting(dispatch -> dispatch.message().conversation().key()).doesNotHaveDuplicates();
        assertThat(deep.of("sms_messages").readSequentially()).as("rows of sms_messages read sequentially for one pass").isLessThan(1_000);
        // the oldest waiting texts are the newest rows: a plan that walks the primary key from the first text ever sent
        // reads every ended text before them (what the generic plan did with these statistics, before V58)
        assertThat(deep.of("sms_messages").fetchedByIndex()).as("rows of sms_messages fetched by index for one pass").isLessThan(2_000);
    }
}
