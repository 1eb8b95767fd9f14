package org.switchboard.api.dids;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code sip_dids} table (V37): one account per number; setting a number again moves it. */
@Component
class DidStore {

    /** A number and the account it rings. */
    record Did(String number, String account, String setBy, Instant setAt) {
    }

    private static final String SELECT = "SELECT d.number, a.localpart, d.set_by, d.set_at FROM sip_dids d JOIN accounts a ON a.id = d.account_id ";

    private final DatabaseClient db;

    DidStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Did> set(String number, long accountId, String setBy) {
        return db.sql("INSERT INTO sip_dids (number, account_id, set_by) VALUES (:number, :account, :by) "
                        + "ON CONFLICT (number) DO UPDATE SET account_id = EXCLUDED.account_id, set_by = EXCLUDED.set_by, set_at = now()")
                .bind("number", number).bind("account", accountId).bind("by", setBy).then()
                .then(db.sql(SELECT + "WHERE d.number = :number").bind("number", number).map(DidStore::row).one());
    }

    Mono<Boolean> remove(String number) {
        return db.sql("DELETE FROM sip_dids WHERE number = :number").bind("number", number).fetch().rowsUpdated().map(n -> n > 0);
    }

    Flux<Did> all() {
        return db.sql(SELECT + "ORDER BY d.number").map(DidStore::row).all();
    }

    Flux<Did> of(long accountId) {
        return db.sql(SELECT + "WHERE d.account_id = :account ORDER BY d.number").bind("account", accountId).map(DidStore::row).all();
    }

    private static Did row(io.r2dbc.spi.Readable row) {
        return new Did(row.get("number", String.class), row.get("localpart", String.class), row.get("set_by", String.class),
                row.get("set_at", OffsetDateTime.class).toInstant());
    }
}
