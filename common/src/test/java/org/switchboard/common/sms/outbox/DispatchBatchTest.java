package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * Several hosts' dispatch passes in one statement: each host gets only its own messages, the oldest waiting one of
 * each conversation that is not busy (FIFO per conversation), oldest first, no more than its room.
 */
class DispatchBatchTest {

    private static final DatabaseClient shared = TestDatabase.client();
    private final OutboxStore store = new OutboxStore(shared);
    private PlaceholderHost a;
    private PlaceholderHost b;

    @BeforeEach
    void twoHosts() {
        a = PlaceholderHost.create("dispatcha");
        b = PlaceholderHost.create("dispatchb");
    }

    @AfterEach
    void delete() {
        a.delete();
        b.delete();
    }

    private long queue(PlaceholderHost host, String to) {
        return store.enqueue(new OutboxStore.NewMessage(host.owner(), new SimRef(host.id(), null, null, null),
                Conversation.of(SmsAddress.parse(to)), "to " + to, null, null, false, List.of())).block().id();
    }

    private static List<Long> ids(Optional<List<OutboxStore.Dispatch>> taken) {
        return taken.orElseThrow().stream().map(dispatch -> dispatch.message().id()).toList();
    }

    @Test
    void eachHostGetsTheOldestOfEachFreeConversationOfItsOwn() {
        long a1 = queue(a, "+15550000101");
        queue(a, "+15550000101");
        long b1 = queue(b, "+15550000101");
        long a3 = queue(a, "+15550000102");
        queue(b, "+15550000103");

        List<Optional<List<OutboxStore.Dispatch>>> taken = new DispatchBatch(shared)
                .apply(List.of(new DispatchBatch.Request(a.id(), List.of(), 10),
                        new DispatchBatch.Request(b.id(), List.of("+15550000103"), 10)))
                .block();

        assertThat(ids(taken.get(0))).as("the second text to +15550000101 waits behind a1").containsExactly(a1, a3);
        assertThat(ids(taken.get(1))).as("+15550000103 is busy").containsExactly(b1);
        assertThat(taken.get(0).orElseThrow()).allSatisfy(dispatch -> assertThat(dispatch.message().state()).isEqualTo(OutboxState.DISPATCHED));
        assertThat(store.dispatchNext(a.id(), List.of("+15550000102"), 10).map(dispatch -> dispatch.message().id()).collectList().block())
                .as("a1 is dispatched, not accepted: it is still the oldest of its conversation, and a3's is busy now")
                .containsExactly(a1);
    }

    @Test
    void aHostGetsNoMoreThanItsRoom() {
        long first = queue(a, "+15550000201");
        queue(a, "+15550000202");
        queue(a, "+15550000203");

        assertThat(store.dispatchNext(a.id(), List.of(), 1).map(dispatch -> dispatch.message().id()).collectList().block())
                .containsExactly(first);
    }

    @Test
    void aDeepQueueInFewConversationsStillGivesEveryConversationItsTurn() {
        // two conversations hold a deep queue; the third's only text comes after them all
        long first = queue(a, "+15550000301");
        long second = queue(a, "+15550000302");
        for (int i = 2; i < DispatchBatch.OLDEST + 10; i++) {
            queue(a, i % 2 == 0 ? "+15550000301" : "+15550000302");
        }
        long third = queue(a, "+15550000303");

        assertThat(store.dispatchNext(a.id(), List.of(), 10).map(dispatch -> dispatch.message().id()).collectList().block())
                .containsExactly(first, second, third);
    }

    @Test
    void aDeepQueueInManyConversationsGivesTheOldestFreeHeads() {
        // the pass takes the oldest heads, busy ones left out
        List<Long> heads = new ArrayList<>();
        for (int i = 0; i < DispatchBatch.OLDEST + 50; i++) {
            long id = queue(a, "+1555001" + String.format("%04d", i % 40));
            if (i < 40) {
                heads.add(id);
            }
        }
        List<String> busy = List.of("+15550010000", "+15550010002");

        assertThat(store.dispatchNext(a.id(), busy, 5).map(dispatch -> dispatch.message().id()).collectList().block())
                .containsExactly(heads.get(1), heads.get(3), heads.get(4), heads.get(5), heads.get(6));
    }

    @Test
    void aFreeConversationBehindADeepQueueOfBusyOnesIsFound() {
        // the oldest messages are all in busy conversations
        for (int i = 0; i < DispatchBatch.OLDEST; i++) {
            queue(a, i % 2 == 0 ? "+15550000401" : "+15550000402");
        }
        long free = queue(a, "+15550000403");

        assertThat(store.dispatchNext(a.id(), List.of("+15550000401", "+15550000402"), 10)
                .map(dispatch -> dispatch.message().id()).collectList().block())
                .containsExactly(free);
    }
}
