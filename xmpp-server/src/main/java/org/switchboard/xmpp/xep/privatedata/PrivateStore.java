package org.switchboard.xmpp.xep.privatedata;

import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/** Private XML on the table of {@code V14__xmpp_private_storage.sql}, keyed by element name and namespace. */
final class PrivateStore {

    private final DatabaseClient db;

    PrivateStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Element> find(Jid owner, String element, String namespace) {
        return db.sql("SELECT xml FROM xmpp_private_storage WHERE account_id = " + AccountIds.SELECT_ID
                        + " AND element = :element AND namespace = :namespace")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("element", element).bind("namespace", namespace)
                .map(row -> StoredXml.read(row.get("xml", String.class)))
                .one();
    }

    Mono<Void> save(Jid owner, Element data) {
        return db.sql("INSERT INTO xmpp_private_storage (account_id, element, namespace, xml) "
                        + "SELECT id, :element, :namespace, :xml FROM accounts WHERE localpart = :localpart AND domain = :domain "
                        + "ON CONFLICT (account_id, element, namespace) DO UPDATE SET xml = excluded.xml")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("element", data.name()).bind("namespace", data.namespace())
                .bind("xml", StoredXml.write(data))
                .then();
    }
}
