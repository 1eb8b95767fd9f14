package org.switchboard.xmpp.xep.vcard;

import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/** vCards on the table of {@code V13__xmpp_vcards.sql}. */
public final class VCardStore {

    private final DatabaseClient db;

    public VCardStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Element> find(Jid owner) {
        return db.sql("SELECT vcard FROM xmpp_vcards WHERE account_id = " + AccountIds.SELECT_ID)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> StoredXml.read(row.get("vcard", String.class)))
                .one();
    }

    public Mono<Void> save(Jid owner, String vcardXml) {
        return db.sql("INSERT INTO xmpp_vcards (account_id, vcard) SELECT id, :vcard FROM accounts "
                        + "WHERE localpart = :localpart AND domain = :domain "
                        + "ON CONFLICT (account_id) DO UPDATE SET vcard = excluded.vcard, updated_at = now()")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("vcard", vcardXml)
                .then();
    }
}
