package org.switchboard.common.sms.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.sms.outbox.OutboxStore.PartReport;
import org.switchboard.common.sms.outbox.OutboxStore.ReportOutcome;
import reactor.core.publisher.Mono;

/**
 * Applies what the hosts answered and reported, and what senders were told, in one round trip and one transaction
 * whatever their number: the stored function {@code sms_apply_outcomes} (V62) locks every message it writes in id
 * order, accepts the accepted ones, applies the part reports ({@code sms_apply_reports}, V43: parts upserted, each
 * message's next state worked out) and marks the notified ones. As three group commits they were three transactions
 * (and WAL flushes) whenever the load was light, and a text's first report waited on its acceptance's row lock
 * (docs/sms-benchmark.md, "Light loads").
 *
 * <p>Reports of one message in one batch are applied together; only the first of them is told the state before, so
 * a message "becomes final" (and its sender is told) once. The same acceptance twice in one batch accepts once.
 */
final class OutcomeBatch {

    /** One write of the batch. */
    sealed interface Outcome permits Acceptance, HostReport, Notified {
    }

    /** The host answered {@code result} to the message's command. */
    record Acceptance(long messageId) implements Outcome {
    }

    /** One host's report about one part of one of its messages. */
    record HostReport(UUID hostId, UUID publicId, PartReport report) implements Outcome {
    }

    /** The message's sender was told how it ended. */
    record Notified(long messageId) implements Outcome {
    }

    /** A message the batch changed, and its state before (reports only). */
    private record Changed(OutboxMessage message, OutboxState before) {
    }

    private static final String APPLY = "SELECT * FROM sms_apply_outcomes(:accepted::bigint[], :hosts::uuid[], :public_ids::uuid[], "
            + ":states::text[], :parts::int[], :part_counts::int[], :codes::int[], :reasons::text[], :times::text[], :notified::bigint[])";

    private final DatabaseClient db;

    OutcomeBatch(DatabaseClient db) {
        this.db = db;
    }

    /** Results in order: the accepted message (empty: it had moved on), the report's outcome, or {@code true} for a mark. */
    Mono<List<Optional<Object>>> apply(List<Outcome> outcomes) {
        List<Long> accepted = new ArrayList<>();
        List<HostReport> reports = new ArrayList<>();
        List<Long> notified = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Acceptance acceptance) {
                accepted.add(acceptance.messageId());
            } else if (outcome instanceof HostReport report) {
                reports.add(report);
            } else {
                notified.add(((Notified) outcome).messageId());
            }
        }
        int n = reports.size();
        UUID[] hosts = new UUID[n];
        UUID[] publicIds = new UUID[n];
        String[] states = new String[n];
        Integer[] parts = new Integer[n];
        Integer[] partCounts = new Integer[n];
        Integer[] codes = new Integer[n];
        String[] reasons = new String[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            HostReport report = reports.get(i);
            OutboxState state = report.report().state();
            if (state != OutboxState.SENT && state != OutboxState.DELIVERED && state != OutboxState.FAILED) {
                throw new IllegalArgumentException("a report is sent, delivered or failed, not " + state);
            }
            hosts[i] = report.hostId();
            publicIds[i] = report.publicId();
            states[i] = state.dbValue();
            parts[i] = report.report().part();
            partCounts[i] = report.report().parts();
            codes[i] = report.report().code();
            reasons[i] = report.report().reason();
            times[i] = report.report().at().toString();
        }
        Map<Long, OutboxMessage> acceptedRows = new HashMap<>();
        List<Changed> changed = new ArrayList<>();
        return db.sql(APPLY)
                .bind("accepted", accepted.toArray(Long[]::new)).bind("hosts", hosts).bind("public_ids", publicIds)
                .bind("states", states).bind("parts", parts).bind("part_counts", partCounts).bind("codes", codes)
                .bind("reasons", reasons).bind("times", times).bind("notified", notified.toArray(Long[]::new))
                .map(row -> {
                    OutboxMessage message = OutboxStore.message(row);
                    if ("accepted".equals(row.get("kind", String.class))) {
                        acceptedRows.put(message.id(), message);
                    } else {
                        changed.add(new Changed(message, OutboxState.fromDb(row.get("before_state", String.class))));
                    }
                    return message;
                })
                .all().then(Mono.fromSupplier(() -> results(outcomes, acceptedRows, reportOutcomes(reports, changed))));
    }

    /** One result per write, in order; {@code reported} holds the reports' outcomes in the reports' order. */
    private static List<Optional<Object>> results(List<Outcome> outcomes, Map<Long, OutboxMessage> accepted,
                                                  List<Optional<ReportOutcome>> reported) {
        List<Optional<Object>> results = new ArrayList<>(outcomes.size());
        Set<Long> answered = new HashSet<>();
        int nextReport = 0;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Acceptance acceptance) {
                // the same command answered twice in one batch: the first answer accepted it
                results.add(answered.add(acceptance.messageId())
                        ? Optional.ofNullable(accepted.get(acceptance.messageId())) : Optional.empty());
            } else if (outcome instanceof HostReport) {
                results.add(reported.get(nextReport++).map(Object.class::cast));
            } else {
                results.add(Optional.of(Boolean.TRUE));
            }
        }
        return results;
    }

    /**
     * Each report's outcome: the message it is about (by id and host: a report about another host's message is
     * as unknown as one about no message), with the state before for the first report of each message.
     */
    private static List<Optional<ReportOutcome>> reportOutcomes(List<HostReport> reports, List<Changed> changed) {
        Map<UUID, Changed> byPublicId = new HashMap<>();
        changed.forEach(c -> byPublicId.put(c.message().publicId(), c));
        Set<UUID> told = new HashSet<>();
        List<Optional<ReportOutcome>> outcomes = new ArrayList<>(reports.size());
        for (HostReport report : reports) {
            Changed c = byPublicId.get(report.publicId());
            if (c == null || !report.hostId().equals(c.message().hostId())) {
                outcomes.add(Optional.empty());
                continue;
            }
            OutboxMessage now = c.message();
            outcomes.add(Optional.of(new ReportOutcome(now, told.add(now.publicId()) ? c.before() : now.state())));
        }
        return outcomes;
    }
}
