package org.switchboard.xmpp.xep.push;

import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Push registrations on the table of {@code V16__xmpp_push.sql}, bounded per account. */
final class PushStore {

    private final DatabaseClient db;
    private final int maxPerAccount;

    PushStore(DatabaseClient db, int maxPerAccount) {
        this.db = db;
        this.maxPerAccount = maxPerAccount;
    }

    /**
     * Adds the registration or replaces the publish options of the same service and node; false when the
     * account already has {@code maxPerAccount} others (each one is a publish per notification).
     */
    Mono<Boolean> enable(Jid account, PushRegistration registration) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("WITH account AS " + AccountIds.SELECT_ID + " "
                        + "INSERT INTO xmpp_push_registrations (account_id, service_jid, node, publish_options) "
                        + "SELECT id, :service, :node, :options FROM account "
                        + "WHERE (SELECT count(*) FROM xmpp_push_registrations r WHERE r.account_id = account.id "
                        + "       AND NOT (r.service_jid = :service AND r.node = :node)) < :limit "
                        + "ON CONFLICT (account_id, service_jid, node) DO UPDATE "
                        + "SET publish_options = EXCLUDED.publish_options, enabled_at = now()")
                .bind("localpart", account.localpart()).bind("domain", account.domain())
                .bind("service", registration.service().toString())
                .bind("node", registration.node())
                .bind("limit", maxPerAccount);
        spec = registration.publishOptions() == null ? spec.bindNull("options", String.class)
                : spec.bind("options", StoredXml.write(registration.publishOptions()));
        return spec.fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Removes the service's registration for {@code node}, or all of the service's when node is null. */
    Mono<Long> disable(Jid account, Jid service, String node) {
        String sql = "DELETE FROM xmpp_push_registrations WHERE account_id = " + AccountIds.SELECT_ID
                + " AND service_jid = :service" + (node == null ? "" : " AND node = :node");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("localpart", account.localpart()).bind("domain", account.domain())
                .bind("service", service.toString());
        if (node != null) {
            spec = spec.bind("node", node);
        }
        return spec.fetch().rowsUpdated();
    }

    Flux<PushRegistration> registrations(Jid account) {
        return db.sql("SELECT service_jid, node, publish_options FROM xmpp_push_registrations WHERE account_id = "
                        + AccountIds.SELECT_ID + " ORDER BY enabled_at")
                .bind("localpart", account.localpart()).bind("domain", account.domain())
                .map((row, meta) -> new PushRegistration(Jid.parse(row.get("service_jid", String.class)),
                        row.get("node", String.class),
                        row.get("publish_options", String.class) == null ? null : StoredXml.read(row.get("publish_options", String.class))))
                .all();
    }
}
