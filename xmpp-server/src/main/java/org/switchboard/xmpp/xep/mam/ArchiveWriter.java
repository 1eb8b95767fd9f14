package org.switchboard.xmpp.xep.mam;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.StoredXml;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes archive entries in groups: entries that arrive while a write is in flight wait, and go together
 * in the next write as one multi-row INSERT — one round trip and one commit for all of them. Each caller's
 * Mono completes only after the statement holding its entries has committed. A lone entry is written at
 * once (no timer), so grouping costs latency only when the database is already busy.
 *
 * <p>The INSERT applies the owners' preferences (section 6) itself, so the caller learns which entries were
 * archived without a round trip of its own: the statement returns the ids of the rows it inserted.
 */
final class ArchiveWriter {

    /** Rows per statement; 9 arrays of this many values stay far below PostgreSQL's limits. */
    static final int DEFAULT_MAX_BATCH = 512;
    /** Statements in flight at once: enough to keep a pool busy, few enough that waiting entries group. */
    static final int DEFAULT_MAX_IN_FLIGHT = 2;

    private static final String INSERT = """
            INSERT INTO xmpp_archive (account_id, stanza_id, with_bare, with_resource, outgoing, archived_at, body, stanza)
            SELECT a.id, v.stanza_id, v.with_bare, v.with_resource, v.outgoing, v.archived_at::timestamptz, v.body, v.stanza
            FROM unnest(:localparts::text[], :domains::text[], :ids::text[], :withBare::text[], :withResource::text[],
                        :outgoing::boolean[], :at::text[], :bodies::text[], :stanzas::text[])
                 WITH ORDINALITY AS v(localpart, domain, stanza_id, with_bare, with_resource, outgoing, archived_at, body, stanza, n)
            JOIN accounts a ON a.localpart = v.localpart AND a.domain = v.domain
            LEFT JOIN xmpp_archive_prefs p ON p.account_id = a.id
            WHERE p.account_id IS NULL
               OR (NOT (v.with_bare = ANY (p.never_jids) OR v.with_bare || '/' || coalesce(v.with_resource, '') = ANY (p.never_jids))
                   AND (p.default_mode = 'always'
                        OR v.with_bare = ANY (p.always_jids)
                        OR v.with_bare || '/' || coalesce(v.with_resource, '') = ANY (p.always_jids)
                        OR (p.default_mode = 'roster' AND EXISTS (SELECT 1 FROM xmpp_roster_items r
                              WHERE r.account_id = a.id AND r.contact = v.with_bare AND r.in_roster))))
            ORDER BY v.n
            RETURNING stanza_id""";

    private record Pending(List<ArchiveEntry> entries, MonoSink<Set<String>> sink) {
    }

    private final DatabaseClient db;
    private final int maxBatch;
    private final int maxInFlight;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    ArchiveWriter(DatabaseClient db) {
        this(db, DEFAULT_MAX_BATCH, DEFAULT_MAX_IN_FLIGHT);
    }

    ArchiveWriter(DatabaseClient db, int maxBatch, int maxInFlight) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Archives the entries (all in one statement) and completes, once committed, with the stanza ids of
     * those the owners' preferences let in.
     */
    Mono<Set<String>> write(List<ArchiveEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.just(Set.of());
        }
        return Mono.create(sink -> {
            synchronized (waiting) {
                waiting.add(new Pending(List.copyOf(entries), sink));
            }
            drain();
        });
    }

    private void drain() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (waiting) {
                if (waiting.isEmpty() || inFlight >= maxInFlight) {
                    return;
                }
                int rows = 0;
                while (!waiting.isEmpty() && (batch.isEmpty() || rows + waiting.peek().entries().size() <= maxBatch)) {
                    Pending next = waiting.poll();
                    rows += next.entries().size();
                    batch.add(next);
                }
                inFlight++;
            }
            insert(batch).subscribe(
                    archived -> batch.forEach(pending -> pending.sink().success(only(pending.entries(), archived))),
                    error -> {
                        batch.forEach(pending -> pending.sink().error(error));
                        finished();
                    },
                    this::finished);
        }
    }

    private void finished() {
        synchronized (waiting) {
            inFlight--;
        }
        drain();
    }

    private static Set<String> only(List<ArchiveEntry> entries, Set<String> archived) {
        Set<String> mine = new HashSet<>();
        for (ArchiveEntry entry : entries) {
            if (archived.contains(entry.stanzaId())) {
                mine.add(entry.stanzaId());
            }
        }
        return mine;
    }

    private Mono<Set<String>> insert(List<Pending> batch) {
        return insert(db, batch.stream().flatMap(pending -> pending.entries().stream()).toList());
    }

    /** One statement for all the rows, in the caller's transaction if it has one; the stanza ids inserted. */
    static Mono<Set<String>> insert(DatabaseClient db, List<ArchiveEntry> rows) {
        int n = rows.size();
        String[] localparts = new String[n];
        String[] domains = new String[n];
        String[] ids = new String[n];
        String[] withBare = new String[n];
        String[] withResource = new String[n];
        Boolean[] outgoing = new Boolean[n];
        String[] at = new String[n];
        String[] bodies = new String[n];
        String[] stanzas = new String[n];
        for (int i = 0; i < n; i++) {
            ArchiveEntry entry = rows.get(i);
            localparts[i] = entry.owner().localpart();
            domains[i] = entry.owner().domain();
            ids[i] = entry.stanzaId();
            withBare[i] = entry.with().bare().toString();
            withResource[i] = entry.with().resource();
            outgoing[i] = entry.outgoing();
            at[i] = entry.at().truncatedTo(ChronoUnit.MICROS).toString();
            bodies[i] = ArchivePolicy.body(entry.message());
            stanzas[i] = StoredXml.write(entry.message().element());
        }
        return db.sql(INSERT)
                .bind("localparts", localparts).bind("domains", domains).bind("ids", ids)
                .bind("withBare", withBare).bind("withResource", withResource).bind("outgoing", outgoing)
                .bind("at", at).bind("bodies", bodies).bind("stanzas", stanzas)
                .map(row -> row.get("stanza_id", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .map(set -> (Set<String>) set);
    }
}
