package org.switchboard.xmpp.xep.offline;

import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Offline messages on the table of {@code V11__xmpp_offline_messages.sql}, bounded per account. */
public final class OfflineStore {

    /** A message waiting for its recipient, with its row id for deletion after delivery. */
    public record StoredMessage(long id, Stanza message) {
    }

    private final DatabaseClient db;
    private final int maxPerAccount;

    public OfflineStore(DatabaseClient db, int maxPerAccount) {
        this.db = db;
        this.maxPerAccount = maxPerAccount;
    }

    /**
     * Stores the message; completes with true once it is committed, false when the account does not exist
     * or already holds {@code maxPerAccount} messages. (Concurrent stores for one account may overshoot the
     * bound by a few rows; it protects the disk, it is not a quota to the message.)
     */
    public Mono<Boolean> store(Jid owner, Stanza message) {
        return db.sql("WITH account AS " + AccountIds.SELECT_ID + " "
                        + "INSERT INTO xmpp_offline_messages (account_id, stanza) SELECT id, :stanza FROM account "
                        + "WHERE (SELECT count(*) FROM xmpp_offline_messages WHERE account_id = account.id) < :limit")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("stanza", StoredXml.write(message.element()))
                .bind("limit", maxPerAccount)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Stores several messages in one statement, in the caller's transaction if it has one, in list order
     * (their row ids, and so their delivery order, follow it). Answers for each whether it was stored: not
     * when its account does not exist or already holds {@code maxPerAccount} messages, counting those
     * before it in the list.
     */
    public Mono<List<Boolean>> storeAll(List<Jid> owners, List<Stanza> messages) {
        int n = owners.size();
        String[] localparts = new String[n];
        String[] domains = new String[n];
        String[] stanzas = new String[n];
        for (int i = 0; i < n; i++) {
            localparts[i] = owners.get(i).localpart();
            domains[i] = owners.get(i).domain();
            stanzas[i] = StoredXml.write(messages.get(i).element());
        }
        // the data-modifying CTE runs once, whatever the outer query reads; "chosen" is computed once for both
        return db.sql("""
                        WITH v AS (SELECT * FROM unnest(:localparts::text[], :domains::text[], :stanzas::text[])
                                   WITH ORDINALITY AS v(localpart, domain, stanza, n)),
                        ranked AS (
                            SELECT a.id AS account_id, v.stanza, v.n,
                                   row_number() OVER (PARTITION BY a.id ORDER BY v.n) AS k
                            FROM v JOIN accounts a ON a.localpart = v.localpart AND a.domain = v.domain),
                        held AS (
                            SELECT o.account_id, count(*) AS messages FROM xmpp_offline_messages o
                            WHERE o.account_id IN (SELECT account_id FROM ranked) GROUP BY o.account_id),
                        chosen AS MATERIALIZED (
                            SELECT r.account_id, r.stanza, r.n FROM ranked r
                            LEFT JOIN held h ON h.account_id = r.account_id
                            WHERE coalesce(h.messages, 0) + r.k <= :limit),
                        stored AS (INSERT INTO xmpp_offline_messages (account_id, stanza)
                                   SELECT account_id, stanza FROM chosen ORDER BY n RETURNING id)
                        SELECT n FROM chosen""")
                .bind("localparts", localparts).bind("domains", domains).bind("stanzas", stanzas)
                .bind("limit", maxPerAccount)
                .map(row -> row.get("n", Long.class))
                .all()
                .collectList()
                .map(storedOrdinals -> {
                    Boolean[] stored = new Boolean[n];
                    Arrays.fill(stored, Boolean.FALSE);
                    storedOrdinals.forEach(ordinal -> stored[(int) (ordinal - 1)] = Boolean.TRUE);
                    return List.of(stored);
                });
    }

    /** The account's stored messages, oldest first. */
    public Flux<StoredMessage> messages(Jid owner) {
        return db.sql("SELECT id, stanza FROM xmpp_offline_messages WHERE account_id = " + AccountIds.SELECT_ID
                        + " ORDER BY id")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> new StoredMessage(row.get("id", Long.class),
                        new Stanza(StoredXml.read(row.get("stanza", String.class)))))
                .all();
    }

    public Mono<Void> delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM xmpp_offline_messages WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .then();
    }

    public Mono<Long> count(Jid owner) {
        return db.sql("SELECT count(*) AS n FROM xmpp_offline_messages WHERE account_id = " + AccountIds.SELECT_ID)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
