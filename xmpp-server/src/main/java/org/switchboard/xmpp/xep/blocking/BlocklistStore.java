package org.switchboard.xmpp.xep.blocking;

import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Blocked JIDs on the table of {@code V12__xmpp_blocklist.sql}. */
final class BlocklistStore {

    private final DatabaseClient db;

    BlocklistStore(DatabaseClient db) {
        this.db = db;
    }

    Flux<String> list(Jid owner) {
        return db.sql("SELECT blocked FROM xmpp_blocklist WHERE account_id = " + AccountIds.SELECT_ID + " ORDER BY blocked")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> row.get("blocked", String.class))
                .all();
    }

    Mono<Void> add(Jid owner, Collection<String> jids) {
        return db.sql("INSERT INTO xmpp_blocklist (account_id, blocked) SELECT id, unnest(CAST(:jids AS TEXT[])) FROM accounts "
                        + "WHERE localpart = :localpart AND domain = :domain ON CONFLICT DO NOTHING")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("jids", jids.toArray(String[]::new))
                .then();
    }

    Mono<Void> remove(Jid owner, Collection<String> jids) {
        return db.sql("DELETE FROM xmpp_blocklist WHERE account_id = " + AccountIds.SELECT_ID + " AND blocked = ANY(:jids)")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("jids", jids.toArray(String[]::new))
                .then();
    }

    Mono<Void> removeAll(Jid owner) {
        return db.sql("DELETE FROM xmpp_blocklist WHERE account_id = " + AccountIds.SELECT_ID)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .then();
    }
}
