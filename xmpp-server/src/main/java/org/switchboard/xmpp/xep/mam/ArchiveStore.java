package org.switchboard.xmpp.xep.mam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * Reads archives on the table of {@code V15__xmpp_archive.sql} (writes go through {@link ArchiveWriter}).
 * Pages follow the table's own order, its bigserial id, never the text of the stanza ids.
 */
final class ArchiveStore {

    /** One archived message. */
    record Archived(long row, String stanzaId, Instant at, Element message) {
    }

    /**
     * A page of results in archive order, whether it is the end of the result set in the direction paged,
     * the size of the whole result set and the first item's index in it.
     */
    record Page(List<Archived> items, boolean complete, int count, int firstIndex) {
    }

    /** The first and last entries of an archive (extended metadata), empty for an empty archive. */
    record Edges(Optional<Archived> first, Optional<Archived> last) {
    }

    /** A query naming an archive id the archive does not hold. */
    static final class UnknownId extends RuntimeException {
        UnknownId(String id) {
            super("no archived message has id " + id, null, false, false);
        }
    }

    private final DatabaseClient db;

    ArchiveStore(DatabaseClient db) {
        this.db = db;
    }

    /** The page of {@code owner}'s archive that {@code query} asks for, at most {@code max} items. */
    Mono<Page> page(Jid owner, ArchiveQuery query, int max) {
        Set<String> references = new LinkedHashSet<>();
        for (String id : new String[] {query.afterId(), query.beforeId(), query.page().after(), query.page().before()}) {
            if (id != null && !id.isEmpty()) {
                references.add(id);
            }
        }
        return resolve(owner, references).flatMap(rows -> {
            Long account = rows.get(null);
            if (account == null) {
                return Mono.just(new Page(List.of(), true, 0, 0));
            }
            Sql filters = filters(account, query, rows);
            Sql paged = filters.copy();
            if (query.page().after() != null) {
                paged.and("id > :pageAfter", "pageAfter", rows.get(query.page().after()));
            }
            if (query.page().before() != null && !query.page().before().isEmpty()) {
                paged.and("id < :pageBefore", "pageBefore", rows.get(query.page().before()));
            }
            boolean backwards = query.page().backwards();
            // one row more than asked says whether the page is the last one in the direction paged
            String sql = "SELECT id, stanza_id, archived_at, stanza FROM xmpp_archive WHERE " + paged.where()
                    + " ORDER BY id " + (backwards ? "DESC" : "ASC") + " LIMIT " + (max + 1)
                    + (!backwards && query.page().after() == null && query.page().index() != null ? " OFFSET " + query.page().index() : "");
            Mono<List<Archived>> items = paged.bindTo(db.sql(sql))
                    .map(row -> new Archived(row.get("id", Long.class), row.get("stanza_id", String.class),
                            row.get("archived_at", OffsetDateTime.class).toInstant(), StoredXml.read(row.get("stanza", String.class))))
                    .all()
                    .collectList();
            return items.flatMap(found -> {
                boolean complete = found.size() <= max;
                List<Archived> page = new ArrayList<>(found.subList(0, Math.min(max, found.size())));
                if (backwards) {
                    Collections.reverse(page);
                }
                long firstRow = page.isEmpty() ? Long.MAX_VALUE : page.get(0).row();
                Sql counted = filters.copy();
                counted.binds.put("firstRow", firstRow);
                return counted.bindTo(db.sql("SELECT count(*) AS total, count(*) FILTER (WHERE id < :firstRow) AS earlier "
                                + "FROM xmpp_archive WHERE " + counted.where()))
                        .map(row -> new Page(page, complete, row.get("total", Long.class).intValue(),
                                row.get("earlier", Long.class).intValue()))
                        .one();
            });
        });
    }

    /**
     * The account's id (under the key null) and the row of each referenced stanza id; a reference the
     * archive does not hold fails with {@link UnknownId} (XEP-0313 section 4.1.6: item-not-found).
     */
    private Mono<Map<String, Long>> resolve(Jid owner, Set<String> references) {
        return db.sql("SELECT a.id AS account, x.stanza_id, x.id AS row FROM accounts a "
                        + "LEFT JOIN xmpp_archive x ON x.account_id = a.id AND x.stanza_id = ANY(:refs) "
                        + "WHERE a.localpart = :localpart AND a.domain = :domain")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("refs", references.toArray(String[]::new))
                .map(row -> new Object[] {row.get("account", Long.class), row.get("stanza_id", String.class), row.get("row", Long.class)})
                .all()
                .collectList()
                .flatMap(found -> {
                    Map<String, Long> rows = new HashMap<>();
                    for (Object[] row : found) {
                        rows.put(null, (Long) row[0]);
                        if (row[1] != null) {
                            rows.put((String) row[1], (Long) row[2]);
                        }
                    }
                    for (String reference : references) {
                        if (!rows.containsKey(reference)) {
                            return Mono.error(new UnknownId(reference));
                        }
                    }
                    return Mono.just(rows);
                });
    }

    private static Sql filters(long account, ArchiveQuery query, Map<String, Long> rows) {
        Sql sql = new Sql();
        sql.and("account_id = :account", "account", account);
        if (query.with() != null) {
            sql.and("with_bare = :withBare", "withBare", query.with().bare().toString());
            if (query.with().resource() != null) {
                sql.and("with_resource = :withResource", "withResource", query.with().resource());
            }
        }
        if (query.start() != null) {
            sql.and("archived_at >= :start", "start", query.start());
        }
        if (query.end() != null) {
            sql.and("archived_at <= :end", "end", query.end());
        }
        if (query.afterId() != null) {
            sql.and("id > :afterRow", "afterRow", rows.get(query.afterId()));
        }
        if (query.beforeId() != null) {
            sql.and("id < :beforeRow", "beforeRow", rows.get(query.beforeId()));
        }
        if (query.ids() != null) {
            sql.and("stanza_id = ANY(:ids)", "ids", query.ids().toArray(String[]::new));
        }
        if (query.fulltext() != null) {
            // websearch syntax: words, "phrases", -excluded, or; the expression is the one the GIN index holds
            sql.and("to_tsvector('simple', coalesce(body, '')) @@ websearch_to_tsquery('simple', :fulltext)",
                    "fulltext", query.fulltext());
        }
        return sql;
    }

    /** The oldest and newest entries of the archive. */
    Mono<Edges> edges(Jid owner) {
        String one = "SELECT id, stanza_id, archived_at, stanza FROM xmpp_archive WHERE account_id = " + AccountIds.SELECT_ID;
        return db.sql("(" + one + " ORDER BY id ASC LIMIT 1) UNION ALL (" + one + " ORDER BY id DESC LIMIT 1)")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> new Archived(row.get("id", Long.class), row.get("stanza_id", String.class),
                        row.get("archived_at", OffsetDateTime.class).toInstant(), null))
                .all()
                .collectList()
                .map(found -> found.isEmpty() ? new Edges(Optional.empty(), Optional.empty())
                        : new Edges(Optional.of(found.get(0)), Optional.of(found.get(found.size() - 1))));
    }

    /** Deletes entries archived before {@code cutoff}, a bounded number per statement; completes with how many. */
    Mono<Long> purgeBefore(Instant cutoff, int perStatement) {
        // by the primary key (account_id, id), V52
        Mono<Long> once = db.sql("DELETE FROM xmpp_archive WHERE (account_id, id) IN "
                        + "(SELECT account_id, id FROM xmpp_archive WHERE archived_at < :cutoff LIMIT :limit)")
                .bind("cutoff", cutoff).bind("limit", perStatement)
                .fetch().rowsUpdated();
        return once.expand(deleted -> deleted >= perStatement ? once : Mono.empty())
                .reduce(0L, Long::sum);
    }

    /** Conditions joined by AND with their bind values. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> binds = new HashMap<>();

        void and(String condition, String name, Object value) {
            conditions.add(condition);
            binds.put(name, value);
        }

        Sql copy() {
            Sql copy = new Sql();
            copy.conditions.addAll(conditions);
            copy.binds.putAll(binds);
            return copy;
        }

        String where() {
            return String.join(" AND ", conditions);
        }

        GenericExecuteSpec bindTo(GenericExecuteSpec spec) {
            for (Map.Entry<String, Object> bind : binds.entrySet()) {
                spec = spec.bind(bind.getKey(), bind.getValue());
            }
            return spec;
        }
    }
}
