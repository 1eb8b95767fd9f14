package org.switchboard.common.sms.outbox;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/** Rows and waits the outbox's plan and lock tests share. */
final class OutboxFixtures {

    private static final DatabaseClient shared = TestDatabase.client();

    private OutboxFixtures() {
    }

    /** {@code count} other people's hosts (accounts in {@code domain}), each with one text waiting. */
    static void otherHostsWaiting(String domain, int count) {
        TestDatabase.placeholderAccounts("filler-", domain, count);
        shared.sql("INSERT INTO sms_hosts (id, owner_id, name) SELECT gen_random_uuid(), a.id, 'filler' FROM accounts a "
                        + "WHERE a.domain = :domain AND a.localpart LIKE 'filler-%'")
                .bind("domain", domain).fetch().rowsUpdated().block();
        shared.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, direction, peers, conversation, body, state) "
                        + "SELECT gen_random_uuid(), h.owner_id, h.id, 'out', ARRAY['+15557654321'], '+15557654321', 'waiting', 'queued' "
                        + "FROM sms_hosts h JOIN accounts a ON a.id = h.owner_id WHERE a.domain = :domain AND h.name = 'filler'")
                .bind("domain", domain).fetch().rowsUpdated().block();
    }

    /** {@code count} texts of the host that ended long ago (delivered), sent from {@code sim} (null: none): history a write must not read. */
    static void deliveredTexts(PlaceholderHost host, Long sim, int count) {
        DatabaseClient.GenericExecuteSpec insert = shared.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, "
                        + "direction, peers, conversation, body, state, dispatched_at, accepted_at, sent_at, delivered_at) "
                        + "SELECT gen_random_uuid(), :owner, :host, :sim, 'out', ARRAY['+15557654321'], '+15557654321', 'old', "
                        + "'delivered', now(), now(), now(), now() FROM generate_series(1, :count)")
                .bind("owner", host.owner()).bind("host", host.id()).bind("count", count);
        (sim == null ? insert.bindNull("sim", Long.class) : insert.bind("sim", sim)).fetch().rowsUpdated().block();
    }

    /** Until a statement whose text contains {@code fragment} waits for a row lock (it cannot finish while one is held). */
    static void awaitWaitingForALock(String fragment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Long waiting = shared.sql("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND strpos(query, :fragment) > 0")
                    .bind("fragment", fragment).map(row -> row.get("n", Long.class)).one().block();
            if (waiting != null && waiting > 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no statement with '" + fragment + "' waited for a row lock within 10 s");
    }
}
