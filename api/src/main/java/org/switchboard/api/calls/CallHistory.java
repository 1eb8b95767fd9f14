package org.switchboard.api.calls;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The SIP gateway's call records in {@code sip_calls} (written by the {@code sip} role, ADR 0043), newest first,
 * paged by row id so that calls recorded meanwhile never shift a page. A person's query is by their account id
 * as caller or callee, so another person's call is one that does not exist.
 */
@Component
class CallHistory {

    /**
     * @param account only calls this account placed or received (null: every call, for admins)
     * @param before  only calls recorded before this one (its id)
     */
    record Query(Long account, Instant since, Instant until, Long before, int limit) {
    }

    private final DatabaseClient db;

    CallHistory(DatabaseClient db) {
        this.db = db;
    }

    Mono<CallView.Page> list(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.account() != null) {
            where.add("(c.caller_id = :account OR c.callee_id = :account)");
            binds.put("account", query.account());
        }
        if (query.since() != null) {
            where.add("c.started_at >= :since");
            binds.put("since", at(query.since()));
        }
        if (query.until() != null) {
            where.add("c.started_at < :until");
            binds.put("until", at(query.until()));
        }
        if (query.before() != null) {
            where.add("c.id < :before");
            binds.put("before", query.before());
        }
        String sql = "SELECT c.*, a.localpart AS caller_name, b.localpart AS callee_name FROM sip_calls c "
                + "LEFT JOIN accounts a ON a.id = c.caller_id LEFT JOIN accounts b ON b.id = c.callee_id"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY c.id DESC LIMIT :limit";
        var spec = db.sql(sql).bind("limit", query.limit());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        Long viewer = query.account();
        return spec.map(row -> {
                    Long callerId = row.get("caller_id", Long.class);
                    Long calleeId = row.get("callee_id", Long.class);
                    Instant answeredAt = instant(row.get("answered_at", OffsetDateTime.class));
                    Instant endedAt = instant(row.get("ended_at", OffsetDateTime.class));
                    Integer status = row.get("status", Integer.class);
                    String direction = viewer == null ? null : viewer.equals(callerId) ? "out" : "in";
                    // the answering phone's Contact names where it is: for its own account and admins only
                    boolean seesContact = viewer == null || viewer.equals(calleeId);
                    return new CallView(row.get("id", Long.class), viewer == null ? row.get("call_id", String.class) : null,
                            row.get("from_uri", String.class), row.get("to_uri", String.class),
                            row.get("caller_name", String.class), row.get("callee_name", String.class), direction,
                            instant(row.get("started_at", OffsetDateTime.class)), answeredAt, endedAt, status,
                            row.get("reason", String.class), CallView.result(status, answeredAt, endedAt),
                            seesContact ? row.get("answered_by", String.class) : null);
                }).all().collectList()
                .map(calls -> new CallView.Page(calls, calls.size() < query.limit() ? null : calls.get(calls.size() - 1).id()));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
