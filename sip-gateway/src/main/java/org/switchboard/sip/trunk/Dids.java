package org.switchboard.sip.trunk;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The trunk's numbers this server takes calls for (table {@code sip_dids}, set by admins over the REST API). */
public final class Dids {

    private final DatabaseClient db;
    private final String domain;

    public Dids(DatabaseClient db, String domain) {
        this.db = db;
        this.domain = domain;
    }

    /** The localpart of the account {@code number} (E.164) rings; empty when it is no DID of this server. */
    public Mono<String> account(String number) {
        return db.sql("SELECT a.localpart FROM sip_dids d JOIN accounts a ON a.id = d.account_id WHERE d.number = :number AND a.domain = :domain")
                .bind("number", number).bind("domain", domain).map(row -> row.get("localpart", String.class)).one();
    }
}
