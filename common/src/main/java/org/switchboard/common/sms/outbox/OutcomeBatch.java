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

    private static final String APPLY = "SELECT * FROM sms_apply_outcomes(:accepted::bigint[], :hosts::uuid[], :public_ids::uuid[], "
            + ":states::text[], :parts::int[], :part_counts::int[], :codes::int[], :reasons::text[], :times::text[], :notified::bigint[])";

    private final DatabaseClient db;

    OutcomeBatch(DatabaseClient db) {
        this.db = db;
    }

    /** A row the call returned: an accepted message, or a message a report changed with its state before. */
    private record Returned(boolean accepted, OutboxMessage message, OutboxState before) {
    }

    /** The reports as the function's parallel arrays, in the reports' order. */
    private record ReportColumns(UUID[] hosts, UUID[] publicIds, String[] states, Integer[] parts, Integer[] partCounts,
                                 Integer[] codes, String[] reasons, String[] times) {

        static ReportColumns of(List<HostReport> reports) {
            int n = reports.size();
            ReportColumns c = new ReportColumns(new UUID[n], new UUID[n], new String[n], new Integer[n], new Integer[n],
                    new Integer[n], new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                HostReport report = reports.get(i);
                OutboxState state = report.report().state();
                if (state != OutboxState.SENT && state != OutboxState.DELIVERED && state != OutboxState.FAILED) {
                    throw new IllegalArgumentException("a report is sent, delivered or failed, not " + state);
                }
                c.hosts[i] = report.hostId();
                c.publicIds[i] = report.publicId();
                c.states[i] = state.dbValue();
                c.parts[i] = report.report().part();
                c.partCounts[i] = report.report().parts();
                c.codes[i] = report.report().code();
                c.reasons[i] = report.report().reason();
                c.times[i] = report.report().at().toString();
            }
            return c;
        }
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
        ReportColumns c = ReportColumns.of(reports);
        return db.sql(APPLY)
                .bind("accepted", accepted.toArray(Long[]::new)).bind("hosts", c.hosts()).bind("public_ids", c.publicIds())
                .bind("states", c.states()).bind("parts", c.parts()).bind("part_counts", c.partCounts()).bind("codes", c.codes())
                .bind("reasons", c.reasons()).bind("times", c.times()).bind("notified", notified.toArray(Long[]::new))
                .map(row -> "accepted".equals(row.get("kind", String.class))
                        ? new Returned(true, OutboxStore.message(row), null)
                        : new Returned(false, OutboxStore.message(row), OutboxState.fromDb(row.get("before_state", String.class))))
                .all().collectList()
                .map(rows -> {
                    Map<Long, OutboxMessage> acceptedRows = new HashMap<>();
                    rows.stream().filter(Returned::accepted).forEach(row -> acceptedRows.put(row.message().id(), row.message()));
                    return results(outcomes, acceptedRows, reportOutcomes(reports, rows));
                });
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
    private static List<Optional<ReportOutcome>> reportOutcomes(List<HostReport> reports, List<Returned> returned) {
        Map<UUID, Returned> byPublicId = new HashMap<>();
        returned.stream().filter(r -> !r.accepted()).forEach(r -> byPublicId.put(r.message().publicId(), r));
        Set<UUID> told = new HashSet<>();
        List<Optional<ReportOutcome>> outcomes = new ArrayList<>(reports.size());
        for (HostReport report : reports) {
            Returned c = byPublicId.get(report.publicId());
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
