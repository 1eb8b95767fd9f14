package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * {@code sms_enqueue} (V55) on a connection that has lived while the tables its SIM choice reads grew. The function
 * keeps the generic plan it made on its connection's first calls, so that plan must not read those tables whole:
 * it is made with sequential scans ruled out. The tables are not analysed here, as in the minute before
 * autovacuum catches up with a fast growth.
 */
class EnqueuePlansTest {

    private static final String DOMAIN = "enqueue.test";
    private static final Conversation TO = Conversation.of(SmsAddress.parse("+15557654321"));
    private static final DatabaseClient shared = TestDatabase.client();
    private TestDatabase.OneConnection connection;
    private OutboxStore store;
    private DatabaseClient one;
    private long owner;
    private UUID host;
    private long sim;

    @BeforeEach
    void oneConnectionAndAPairedHostWithASim() {
        connection = TestDatabase.oneConnection();
        one = connection.client();
        store = new OutboxStore(one);
        owner = TestDatabase.placeholderAccount("writer", DOMAIN);
        long hostAccount = TestDatabase.placeholderAccount("phone", DOMAIN);
        host = UUID.randomUUID();
        shared.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, last_seen) VALUES (:id, :owner, :account, 'phone', now())")
                .bind("id", host).bind("owner", owner).bind("account", hostAccount).fetch().rowsUpdated().block();
        sim = shared.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, region, is_default) VALUES (:host, 7, 0, 'US', true) RETURNING id")
                .bind("host", host).map(row -> row.get("id", Long.class)).one().block();
    }

    @AfterEach
    void close() {
        // the hosts, SIMs, contacts' SIMs and messages of these accounts go with them
        shared.sql("DELETE FROM accounts WHERE domain = :domain").bind("domain", DOMAIN).fetch().rowsUpdated().block();
        connection.close();
    }

    private OutboxMessage enqueue(String body) {
        return store.enqueue(new OutboxStore.NewMessage(owner, null, TO, body, "x-" + body, "writer@" + DOMAIN + "/phone", true, List.of()))
                .block();
    }

    @Test
    void aTextLeavesFromTheBestSimReadByKeyAfterTheTablesGrew() {
        // the first calls plan (and keep the generic plan) with the hosts, SIMs and contacts' SIMs nearly empty
        for (int i = 0; i < 6; i++) {
            OutboxMessage queued = enqueue("early " + i);
            assertThat(queued.hostId()).isEqualTo(host);
            assertThat(queued.simId()).isEqualTo(sim);
        }
        TestDatabase.placeholderAccounts("filler-", DOMAIN, 5000);
        shared.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, last_seen) SELECT gen_random_uuid(), a.id, a.id, 'filler', now() "
                        + "FROM accounts a WHERE a.domain = :domain AND a.localpart LIKE 'filler-%'")
                .bind("domain", DOMAIN).fetch().rowsUpdated().block();
        shared.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, region) SELECT h.id, 1, 0, 'US' FROM sms_hosts h "
                        + "JOIN accounts a ON a.id = h.owner_id WHERE a.domain = :domain AND h.name = 'filler'")
                .bind("domain", DOMAIN).fetch().rowsUpdated().block();
        shared.sql("INSERT INTO sms_contact_sims (owner_id, peer, sim_id) SELECT h.owner_id, :peer, s.id FROM sms_sims s "
                        + "JOIN sms_hosts h ON h.id = s.host_id JOIN accounts a ON a.id = h.owner_id WHERE a.domain = :domain AND h.name = 'filler'")
                .bind("peer", TO.key()).bind("domain", DOMAIN).fetch().rowsUpdated().block();

        String[] tables = {"sms_hosts", "sms_sims", "sms_contact_sims"};
        TestDatabase.Counted<OutboxMessage> late = TestDatabase.countedInTransaction(one, () -> enqueue("late"), tables);

        assertThat(late.result().hostId()).isEqualTo(host);
        assertThat(late.result().simId()).isEqualTo(sim);
        for (String table : tables) {
            assertThat(late.of(table).readSequentially()).as("rows of %s read sequentially for one text", table).isLessThan(1_000);
        }
    }

    @Test
    void aTextLeavesFromTheSimItsContactLastWroteToAndIsLeftOutWithoutAHost() {
        UUID other = UUID.randomUUID();
        shared.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, last_seen) VALUES (:id, :owner, :account, 'tablet', now() - interval '1 day')")
                .bind("id", other).bind("owner", owner).bind("account", TestDatabase.placeholderAccount("tablet", DOMAIN))
                .fetch().rowsUpdated().block();
        long wroteTo = shared.sql("INSERT INTO sms_sims (host_id, subscription_id, slot) VALUES (:host, 3, 1) RETURNING id")
                .bind("host", other).map(row -> row.get("id", Long.class)).one().block();
        new SendingSims(shared).rememberInbound(owner, TO.key(), wroteTo).block();

        OutboxMessage queued = enqueue("reply");
        assertThat(queued.hostId()).isEqualTo(other);
        assertThat(queued.simId()).isEqualTo(wroteTo);

        long nobody = TestDatabase.placeholderAccount("hostless", DOMAIN);
        assertThat(store.enqueue(new OutboxStore.NewMessage(nobody, null, TO, "lost?", "x-none", "hostless@" + DOMAIN + "/phone", false,
                List.of())).blockOptional()).as("a person with no host").isEmpty();
    }
}
