package org.switchboard.api.messages;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's SMS in {@code sms_messages}, read with keyset paging on the row id (stable whatever arrives
 * meanwhile): every query is by owner, so another person's message is one that does not exist.
 */
final class MessageHistory {

    /**
     * What to list.
     *
     * @param simIds   only messages of these SIMs (null: all); an empty list matches nothing
     * @param before   only messages older than this one (its public id), newest first
     * @param after    only messages newer than this one, oldest first
     */
    record Query(long ownerId, List<Long> simIds, String peer, Instant since, Instant until, String direction, UUID before,
                 UUID after, int limit) {
    }

    private final DatabaseClient db;

    MessageHistory(DatabaseClient db) {
        this.db = db;
    }

    Mono<MessageView.Page> list(Query query) {
        List<String> where = new ArrayList<>(List.of("m.owner_id = :owner"));
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("owner", query.ownerId());
        if (query.simIds() != null) {
            if (query.simIds().isEmpty()) {
                return Mono.just(new MessageView.Page(List.of(), false));
            }
            where.add("m.sim_id = ANY(:sims)");
            binds.put("sims", query.simIds().toArray(Long[]::new));
        }
        if (query.peer() != null) {
            where.add(":peer = ANY(m.peers)");
            binds.put("peer", query.peer());
        }
        if (query.since() != null) {
            where.add("m.created_at >= :since");
            binds.put("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.until() != null) {
            where.add("m.created_at < :until");
            binds.put("until", OffsetDateTime.ofInstant(query.until(), ZoneOffset.UTC));
        }
        if (query.direction() != null) {
            where.add("m.direction = :direction");
            binds.put("direction", query.direction());
        }
        boolean forwards = query.after() != null;
        if (query.before() != null) {
            where.add("m.id < (SELECT id FROM sms_messages WHERE public_id = :before AND owner_id = :owner)");
            binds.put("before", query.before());
        }
        if (forwards) {
            where.add("m.id > (SELECT id FROM sms_messages WHERE public_id = :after AND owner_id = :owner)");
            binds.put("after", query.after());
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + MessageView.COLUMNS + MessageView.FROM + "WHERE "
                + String.join(" AND ", where) + " ORDER BY m.id " + (forwards ? "ASC" : "DESC") + " LIMIT :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.bind("limit", query.limit() + 1).map(MessageView::of).all().collectList()
                .map(rows -> rows.size() > query.limit()
                        ? new MessageView.Page(List.copyOf(rows.subList(0, query.limit())), true)
                        : new MessageView.Page(rows, false));
    }

    /** Whether the person has a message with this public id (a paging cursor must be one of theirs). */
    Mono<Boolean> exists(long ownerId, UUID id) {
        return db.sql("SELECT 1 FROM sms_messages WHERE public_id = :id AND owner_id = :owner")
                .bind("id", id).bind("owner", ownerId).map(row -> true).one().defaultIfEmpty(false);
    }

    Mono<MessageView> find(long ownerId, UUID id) {
        return db.sql("SELECT " + MessageView.COLUMNS + MessageView.FROM + "WHERE m.public_id = :id AND m.owner_id = :owner")
                .bind("id", id).bind("owner", ownerId).map(MessageView::of).one();
    }

    /** The ids of the person's SIMs with this id or this number (a {@code number} filter), present or not. */
    Flux<Long> simIds(long ownerId, Long simId, String number) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT s.id FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id "
                        + "WHERE h.owner_id = :owner AND (s.id = :sim OR s.number = :number)")
                .bind("owner", ownerId);
        spec = simId == null ? spec.bindNull("sim", Long.class) : spec.bind("sim", simId);
        spec = number == null ? spec.bindNull("number", String.class) : spec.bind("number", number);
        return spec.map(row -> row.get("id", Long.class)).all();
    }
}
