package org.switchboard.common.sms.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.switchboard.common.sms.outbox.OutboxStore.PartReport;
import org.switchboard.common.sms.outbox.OutboxStore.ReportOutcome;
import reactor.core.publisher.Mono;

/**
 * Applies many hosts' part reports in one transaction of four statements, whatever their number: lock the
 * messages, upsert the parts, read every part back, update the messages. One report at a time took six
 * round trips and a commit each, and with two reports per text the commits alone capped a disk with 3 ms
 * flushes at some 150 texts a second.
 *
 * <p>The rows are locked in id order, so two batches never wait for each other in a circle. Reports of one
 * message in one batch are applied together; only the first of them is told the state before, so a message
 * "becomes final" (and its sender is told) once.
 */
final class ReportBatch {

    /** One host's report about one part of one of its messages. */
    record HostReport(UUID hostId, UUID publicId, PartReport report) {
    }

    /** What the batch writes for one part: each column the first value a report gave it. */
    private static final class PartWrite {
        final long messageId;
        final int part;
        Instant sent;
        Instant delivered;
        Instant failed;
        Integer code;

        PartWrite(long messageId, int part) {
            this.messageId = messageId;
            this.part = part;
        }

        void add(PartReport report) {
            switch (report.state()) {
                case SENT -> sent = sent == null ? report.at() : sent;
                case DELIVERED -> delivered = delivered == null ? report.at() : delivered;
                case FAILED -> failed = failed == null ? report.at() : failed;
                default -> throw new IllegalArgumentException("a report is sent, delivered or failed, not " + report.state());
            }
            code = code == null ? report.code() : code;
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    ReportBatch(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    Mono<List<Optional<ReportOutcome>>> apply(List<HostReport> reports) {
        UUID[] publicIds = reports.stream().map(HostReport::publicId).distinct().toArray(UUID[]::new);
        Mono<List<Optional<ReportOutcome>>> work = db.sql("SELECT " + OutboxStore.COLUMNS + " FROM sms_messages "
                        + "WHERE public_id = ANY(:pids) AND direction = 'out' ORDER BY id FOR UPDATE")
                .bind("pids", publicIds)
                .map(OutboxStore::message).all().collectList()
                .flatMap(found -> {
                    Map<UUID, OutboxMessage> byPublicId = new HashMap<>();
                    found.forEach(message -> byPublicId.put(message.publicId(), message));
                    // a report about another host's message is as unknown as one about no message
                    List<OutboxMessage> matched = new ArrayList<>();
                    for (HostReport report : reports) {
                        OutboxMessage message = byPublicId.get(report.publicId());
                        matched.add(message != null && report.hostId().equals(message.hostId()) ? message : null);
                    }
                    if (matched.stream().allMatch(java.util.Objects::isNull)) {
                        return Mono.just(reports.stream().map(r -> Optional.<ReportOutcome>empty()).toList());
                    }
                    return storeParts(reports, matched)
                            .then(parts(matched))
                            .flatMap(known -> update(reports, matched, known));
                });
        return work.as(transaction::transactional);
    }

    private Mono<Void> storeParts(List<HostReport> reports, List<OutboxMessage> matched) {
        Map<String, PartWrite> writes = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            OutboxMessage message = matched.get(i);
            if (message != null) {
                PartReport report = reports.get(i).report();
                writes.computeIfAbsent(message.id() + ":" + report.part(), key -> new PartWrite(message.id(), report.part())).add(report);
            }
        }
        List<PartWrite> rows = List.copyOf(writes.values());
        return db.sql("""
                        INSERT INTO sms_message_parts AS p (message_id, part, sent_at, delivered_at, failed_at, failure_code)
                        SELECT id, part, sent::timestamptz, delivered::timestamptz, failed::timestamptz, code::integer
                        FROM unnest(:ids::bigint[], :parts::integer[], :sent::text[], :delivered::text[], :failed::text[], :codes::text[])
                             AS w(id, part, sent, delivered, failed, code)
                        ON CONFLICT (message_id, part) DO UPDATE SET
                            sent_at = COALESCE(p.sent_at, EXCLUDED.sent_at),
                            delivered_at = COALESCE(p.delivered_at, EXCLUDED.delivered_at),
                            failed_at = COALESCE(p.failed_at, EXCLUDED.failed_at),
                            failure_code = COALESCE(p.failure_code, EXCLUDED.failure_code)""")
                .bind("ids", rows.stream().map(w -> w.messageId).toArray(Long[]::new))
                .bind("parts", rows.stream().map(w -> w.part).toArray(Integer[]::new))
                .bind("sent", rows.stream().map(w -> text(w.sent)).toArray(String[]::new))
                .bind("delivered", rows.stream().map(w -> text(w.delivered)).toArray(String[]::new))
                .bind("failed", rows.stream().map(w -> text(w.failed)).toArray(String[]::new))
                .bind("codes", rows.stream().map(w -> w.code == null ? null : w.code.toString()).toArray(String[]::new))
                .then();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private Mono<Map<Long, List<DeliveryProgress.Part>>> parts(List<OutboxMessage> matched) {
        Long[] ids = matched.stream().filter(java.util.Objects::nonNull).map(OutboxMessage::id).distinct().toArray(Long[]::new);
        return db.sql("SELECT message_id, part, sent_at IS NOT NULL AS sent, delivered_at IS NOT NULL AS delivered, "
                        + "failed_at IS NOT NULL AS failed FROM sms_message_parts WHERE message_id = ANY(:ids)")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("message_id", Long.class), new DeliveryProgress.Part(row.get("part", Integer.class),
                        row.get("sent", Boolean.class), row.get("delivered", Boolean.class), row.get("failed", Boolean.class))))
                .all()
                .collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
    }

    /**
     * The message's own timestamps are the server's (when it learned of the state); the phone's times are
     * kept per part. That makes "final before this process started" a question the server can answer.
     */
    private Mono<List<Optional<ReportOutcome>>> update(List<HostReport> reports, List<OutboxMessage> matched,
                                                       Map<Long, List<DeliveryProgress.Part>> known) {
        Map<Long, OutboxMessage> messages = new LinkedHashMap<>();
        Map<Long, Integer> partCounts = new HashMap<>();
        Map<Long, PartReport> firstFailure = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            OutboxMessage message = matched.get(i);
            if (message == null) {
                continue;
            }
            PartReport report = reports.get(i).report();
            messages.putIfAbsent(message.id(), message);
            partCounts.merge(message.id(), Math.max(message.parts() == null ? 0 : message.parts(), report.parts()), Math::max);
            if (report.state() == OutboxState.FAILED) {
                firstFailure.putIfAbsent(message.id(), report);
            }
        }
        List<Long> ids = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<Integer> parts = new ArrayList<>();
        List<Boolean> failing = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (OutboxMessage message : messages.values()) {
            int count = partCounts.get(message.id());
            OutboxState next = DeliveryProgress.next(message.state(), count, known.getOrDefault(message.id(), List.of()));
            boolean fails = next == OutboxState.FAILED && message.state() != OutboxState.FAILED;
            PartReport failure = firstFailure.get(message.id());
            ids.add(message.id());
            states.add(next.dbValue());
            parts.add(count);
            failing.add(fails);
            codes.add(fails && failure != null && failure.code() != null ? failure.code().toString() : null);
            reasons.add(fails && failure != null ? failure.reason() : null);
        }
        return db.sql("""
                        UPDATE sms_messages m SET state = u.state, parts = u.parts,
                            dispatched_at = COALESCE(m.dispatched_at, now()), accepted_at = COALESCE(m.accepted_at, now()),
                            sent_at = CASE WHEN u.state IN ('sent', 'delivered') THEN COALESCE(m.sent_at, now()) ELSE m.sent_at END,
                            delivered_at = CASE WHEN u.state = 'delivered' THEN COALESCE(m.delivered_at, now()) ELSE m.delivered_at END,
                            failed_at = CASE WHEN u.failing THEN COALESCE(m.failed_at, now()) ELSE m.failed_at END,
                            failure_code = CASE WHEN u.failing THEN u.code::integer ELSE m.failure_code END,
                            failure_reason = CASE WHEN u.failing THEN u.reason ELSE m.failure_reason END
                        FROM unnest(:ids::bigint[], :states::text[], :parts::integer[], :failing::boolean[], :codes::text[], :reasons::text[])
                             AS u(id, state, parts, failing, code, reason)
                        WHERE m.id = u.id
                        RETURNING\s""" + prefixed())
                .bind("ids", ids.toArray(Long[]::new))
                .bind("states", states.toArray(String[]::new))
                .bind("parts", parts.toArray(Integer[]::new))
                .bind("failing", failing.toArray(Boolean[]::new))
                .bind("codes", codes.toArray(String[]::new))
                .bind("reasons", reasons.toArray(String[]::new))
                .map(OutboxStore::message).all().collectList()
                .map(updated -> outcomes(reports, matched, updated));
    }

    /** The RETURNING columns of {@code sms_messages m} (the unnest's columns share some names). */
    static String prefixed() {
        List<String> columns = new ArrayList<>();
        for (String column : OutboxStore.COLUMNS.split(",\\s*")) {
            columns.add("m." + column);
        }
        return String.join(", ", columns);
    }

    private static List<Optional<ReportOutcome>> outcomes(List<HostReport> reports, List<OutboxMessage> matched, List<OutboxMessage> updated) {
        Map<Long, OutboxMessage> after = new HashMap<>();
        updated.forEach(message -> after.put(message.id(), message));
        Set<Long> told = new HashSet<>();
        List<Optional<ReportOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            OutboxMessage before = matched.get(i);
            if (before == null) {
                outcomes.add(Optional.empty());
                continue;
            }
            OutboxMessage now = after.get(before.id());
            // the first report of a message in the batch carries its change; the others changed nothing more
            outcomes.add(Optional.of(new ReportOutcome(now, told.add(before.id()) ? before.state() : now.state())));
        }
        return outcomes;
    }
}
