package org.switchboard.sip.location;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.sip.push.PushBinding;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Registrations in {@code sip_registrations}; every change is committed before the 200 that confirms it. */
public final class LocationStore {

    private static final String COLUMNS = "r.contact_uri, r.call_id, r.cseq, r.source_address, r.source_port, r.transport, r.user_agent, "
            + "r.expires_at, r.pn_provider, r.pn_prid, r.pn_param, r.pn_self_refresh, r.remember_until, r.registered_at";

    private final DatabaseClient db;
    private final RegisterBatch batches;
    // reads lock nothing: several batches may run at once
    private final GroupCommit<Lookup, List<Binding>> lookups = new GroupCommit<>("SIP location lookups", this::lookUpAll, 128, 3);

    public LocationStore(DatabaseClient db) {
        this.db = db;
        this.batches = new RegisterBatch(db);
    }

    /**
     * Applies one REGISTER's contacts for the account and returns every binding left afterwards (RFC 3261
     * section 10.3 steps 7 and 8); {@code removeAll} is {@code Contact: *} with expires 0. The rules live in the
     * {@code sip_register} function (V38), which refuses with SQLSTATE SB500 (an old CSeq) or SB403 (too many
     * contacts); those become {@link RegistrationRefused}. REGISTERs arriving together share one statement and one
     * commit ({@link RegisterBatch}); the Mono completes once this one is committed.
     */
    public Mono<List<Binding>> apply(long accountId, List<BindingChange> changes, boolean removeAll, int maxContacts, Instant now) {
        return batches.apply(new RegisterBatch.Registration(accountId, List.copyOf(changes), removeAll, maxContacts, now));
    }

    /** The function's own refusals as the registrar's; anything else stays what it was. */
    static Throwable refusal(Throwable e) {
        // Spring's client wraps the driver's exception, which carries the SQLSTATE and the function's message
        Throwable cause = e;
        while (cause != null && !(cause instanceof R2dbcException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof R2dbcException failure)) {
            return e;
        }
        return switch (String.valueOf(failure.getSqlState())) {
            case "SB500" -> new RegistrationRefused(500, failure.getMessage());
            case "SB403" -> new RegistrationRefused(403, failure.getMessage());
            default -> e;
        };
    }

    /**
     * The contacts of {@code localpart} a request to its address-of-record can reach: the live ones and the lapsed
     * push bindings still remembered (which only a push reaches), oldest first. Lookups that arrive together are
     * one statement (ADR 0047).
     */
    public Flux<Binding> lookup(String localpart, String domain, Instant now) {
        return lookups.submit(new Lookup(localpart, domain, now)).flatMapIterable(bindings -> bindings);
    }

    private record Lookup(String localpart, String domain, Instant now) {
    }

    private Mono<List<Optional<List<Binding>>>> lookUpAll(List<Lookup> batch) {
        return db.sql("SELECT q.n, b.* FROM unnest(:localparts::text[], :domains::text[], :nows::timestamptz[]) "
                        + "WITH ORDINALITY AS q(localpart, domain, seen_at, n) "
                        + "CROSS JOIN LATERAL (" + reachable("q.localpart", "q.domain", "q.seen_at") + ") b ORDER BY q.n, b.registered_at")
                .bind("localparts", batch.stream().map(Lookup::localpart).toArray(String[]::new))
                .bind("domains", batch.stream().map(Lookup::domain).toArray(String[]::new))
                .bind("nows", batch.stream().map(lookup -> lookup.now().toString()).toArray(String[]::new))
                .map(row -> Map.entry(row.get("n", Long.class).intValue(), binding(row)))
                .all().collectList()
                .map(rows -> {
                    List<List<Binding>> found = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        found.add(new ArrayList<>());
                    }
                    rows.forEach(row -> found.get(row.getKey() - 1).add(row.getValue()));
                    return found.stream().map(List::copyOf).map(Optional::of).toList();
                });
    }

    /**
     * A query of the bindings of account {@code localpart@domain} a request can reach at {@code now} (the three are SQL
     * expressions), in the columns {@link #binding} reads and with {@code registered_at} to order them by: for a
     * statement that reads them beside something else, such as a call's start (CallRecords).
     */
    public static String reachable(String localpart, String domain, String now) {
        return "SELECT " + COLUMNS + " FROM accounts a JOIN sip_registrations r ON r.account_id = a.id WHERE a.localpart = " + localpart
                + " AND a.domain = " + domain + " AND " + reachableAt(now);
    }

    /** Live at {@code now}, or a lapsed push binding still remembered then (ADR 0041); {@code now} is an SQL expression. */
    private static String reachableAt(String now) {
        return "(r.expires_at > " + now + " OR COALESCE(r.remember_until > " + now + ", false))";
    }

    /** Drops every registration of an account (locked, password changed): its phones must authenticate again. */
    public Mono<Long> removeAll(String localpart, String domain) {
        return db.sql("DELETE FROM sip_registrations WHERE account_id IN (SELECT id FROM accounts WHERE localpart = :localpart AND domain = :domain)")
                .bind("localpart", localpart).bind("domain", domain)
                .fetch().rowsUpdated();
    }

    /** Deletes expired rows no longer remembered; lookups already ignore them, this only keeps the table small. */
    public Mono<Long> sweep(Instant now) {
        return db.sql("DELETE FROM sip_registrations r WHERE NOT " + reachableAt(":now")).bind("now", at(now)).fetch().rowsUpdated();
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

    /** A binding from a row of {@link #reachable}'s columns. */
    public static Binding binding(Readable row) {
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
