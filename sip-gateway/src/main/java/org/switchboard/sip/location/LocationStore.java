package org.switchboard.sip.location;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.sip.push.PushBinding;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Registrations in {@code sip_registrations}; every change is committed before the 200 that confirms it. */
public final class LocationStore {

    private static final String COLUMNS = "contact_uri, call_id, cseq, source_address, source_port, transport, user_agent, expires_at, "
            + "pn_provider, pn_prid, pn_param, pn_self_refresh, remember_until";
    /** Live, or a lapsed push binding still remembered (ADR 0041). */
    private static final String REACHABLE = "(r.expires_at > :now OR COALESCE(r.remember_until > :now, false))";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    public LocationStore(DatabaseClient db) {
        this.db = db;
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    }

    /**
     * Applies one REGISTER's contacts for the account and returns every binding left afterwards (RFC 3261
     * section 10.3 steps 7 and 8); {@code removeAll} is {@code Contact: *} with expires 0.
     */
    public Mono<List<Binding>> apply(long accountId, List<BindingChange> changes, boolean removeAll, int maxContacts, Instant now) {
        // the account row is locked so two REGISTERs at once cannot both pass the contact count
        Mono<List<Binding>> work = db.sql("SELECT id FROM accounts WHERE id = :account FOR UPDATE").bind("account", accountId)
                .map(row -> row.get("id", Long.class)).one()
                .then(db.sql("DELETE FROM sip_registrations r WHERE account_id = :account AND (NOT " + REACHABLE + " OR :all)")
                        .bind("account", accountId).bind("now", at(now)).bind("all", removeAll).then())
                .then(Flux.fromIterable(changes).concatMap(change -> applyOne(accountId, change)).then())
                // lapsed push bindings are not counted, but only the newest maxContacts of them are kept
                .then(db.sql("DELETE FROM sip_registrations WHERE account_id = :account AND expires_at <= :now AND contact_uri NOT IN "
                                + "(SELECT contact_uri FROM sip_registrations WHERE account_id = :account AND expires_at <= :now "
                                + "ORDER BY registered_at DESC LIMIT :max)")
                        .bind("account", accountId).bind("now", at(now)).bind("max", maxContacts).then())
                .then(current(accountId, now).collectList())
                .flatMap(bindings -> bindings.size() > maxContacts
                        ? Mono.error(new RegistrationRefused(403, "at most " + maxContacts + " contacts per account"))
                        : Mono.just(bindings));
        return transactions.transactional(work);
    }

    private Mono<Void> applyOne(long accountId, BindingChange change) {
        Binding binding = change.binding();
        // RFC 3261 10.3 step 7: the same Call-ID with a CSeq not above the stored one is an old request
        Mono<Void> order = db.sql("SELECT cseq FROM sip_registrations WHERE account_id = :account AND contact_uri = :contact AND call_id = :call")
                .bind("account", accountId).bind("contact", binding.contactUri()).bind("call", binding.callId())
                .map(row -> row.get("cseq", Long.class)).one()
                .flatMap(stored -> stored >= binding.cseq()
                        ? Mono.<Void>error(new RegistrationRefused(500, "a REGISTER with a higher CSeq was already applied"))
                        : Mono.<Void>empty());
        if (change.remove()) {
            return order.then(db.sql("DELETE FROM sip_registrations WHERE account_id = :account AND contact_uri = :contact")
                    .bind("account", accountId).bind("contact", binding.contactUri()).then());
        }
        if (binding.push() != null) {
            // RFC 8599: a push binding is the same binding when its service and device are, whatever its URI now says
            order = order.then(db.sql("DELETE FROM sip_registrations WHERE account_id = :account AND pn_provider = :provider "
                            + "AND pn_prid = :prid AND contact_uri <> :contact")
                    .bind("account", accountId).bind("provider", binding.push().provider().wire()).bind("prid", binding.push().prid())
                    .bind("contact", binding.contactUri()).then());
        }
        var insert = db.sql("INSERT INTO sip_registrations (account_id, " + COLUMNS + ") VALUES (:account, :contact, :call, :cseq, "
                        + ":address, :port, :transport, :agent, :expires, :provider, :prid, :param, :self, :remember) "
                        + "ON CONFLICT (account_id, contact_uri) DO UPDATE SET "
                        + "call_id = EXCLUDED.call_id, cseq = EXCLUDED.cseq, source_address = EXCLUDED.source_address, "
                        + "source_port = EXCLUDED.source_port, transport = EXCLUDED.transport, user_agent = EXCLUDED.user_agent, "
                        + "expires_at = EXCLUDED.expires_at, pn_provider = EXCLUDED.pn_provider, pn_prid = EXCLUDED.pn_prid, "
                        + "pn_param = EXCLUDED.pn_param, pn_self_refresh = EXCLUDED.pn_self_refresh, "
                        + "remember_until = EXCLUDED.remember_until, registered_at = now()")
                .bind("account", accountId).bind("contact", binding.contactUri()).bind("call", binding.callId())
                .bind("cseq", binding.cseq()).bind("address", binding.sourceAddress()).bind("port", binding.sourcePort())
                .bind("transport", binding.transport()).bind("expires", at(binding.expiresAt()));
        insert = binding.userAgent() == null ? insert.bindNull("agent", String.class) : insert.bind("agent", binding.userAgent());
        PushBinding push = binding.push();
        insert = push == null ? insert.bindNull("provider", String.class).bindNull("prid", String.class)
                : insert.bind("provider", push.provider().wire()).bind("prid", push.prid());
        insert = push == null || push.param() == null ? insert.bindNull("param", String.class) : insert.bind("param", push.param());
        insert = insert.bind("self", push != null && push.selfRefresh());
        insert = binding.rememberUntil() == null ? insert.bindNull("remember", OffsetDateTime.class)
                : insert.bind("remember", at(binding.rememberUntil()));
        return order.then(insert.then());
    }

    private Flux<Binding> current(long accountId, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM sip_registrations WHERE account_id = :account AND expires_at > :now ORDER BY registered_at")
                .bind("account", accountId).bind("now", at(now))
                .map(LocationStore::binding).all();
    }

    /**
     * The contacts of {@code localpart} a request to its address-of-record can reach: the live ones and the lapsed
     * push bindings still remembered (which only a push reaches).
     */
    public Flux<Binding> lookup(String localpart, String domain, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM sip_registrations r JOIN accounts a ON a.id = r.account_id "
                        + "WHERE a.localpart = :localpart AND a.domain = :domain AND " + REACHABLE + " ORDER BY r.registered_at")
                .bind("localpart", localpart).bind("domain", domain).bind("now", at(now))
                .map(LocationStore::binding).all();
    }

    /** Drops every registration of an account (locked, password changed): its phones must authenticate again. */
    public Mono<Long> removeAll(String localpart, String domain) {
        return db.sql("DELETE FROM sip_registrations WHERE account_id IN (SELECT id FROM accounts WHERE localpart = :localpart AND domain = :domain)")
                .bind("localpart", localpart).bind("domain", domain)
                .fetch().rowsUpdated();
    }

    /** Deletes expired rows no longer remembered; lookups already ignore them, this only keeps the table small. */
    public Mono<Long> sweep(Instant now) {
        return db.sql("DELETE FROM sip_registrations r WHERE NOT " + REACHABLE).bind("now", at(now)).fetch().rowsUpdated();
    }

    /** Forgets one push binding whose token the push service called gone: nothing can wake that phone any more. */
    public Mono<Long> forget(String localpart, String domain, PushBinding push) {
        return db.sql("DELETE FROM sip_registrations WHERE account_id IN (SELECT id FROM accounts WHERE localpart = :localpart "
                        + "AND domain = :domain) AND pn_provider = :provider AND pn_prid = :prid")
                .bind("localpart", localpart).bind("domain", domain).bind("provider", push.provider().wire()).bind("prid", push.prid())
                .fetch().rowsUpdated();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Binding binding(Readable row) {
        String provider = row.get("pn_provider", String.class);
        PushBinding push = provider == null ? null : new PushBinding(PushPlatform.fromWire(provider), row.get("pn_prid", String.class),
                row.get("pn_param", String.class), Boolean.TRUE.equals(row.get("pn_self_refresh", Boolean.class)));
        OffsetDateTime remember = row.get("remember_until", OffsetDateTime.class);
        return new Binding(row.get("contact_uri", String.class), row.get("call_id", String.class), row.get("cseq", Long.class),
                row.get("source_address", String.class), row.get("source_port", Integer.class), row.get("transport", String.class),
                row.get("user_agent", String.class), row.get("expires_at", OffsetDateTime.class).toInstant(), push,
                remember == null ? null : remember.toInstant());
    }
}
