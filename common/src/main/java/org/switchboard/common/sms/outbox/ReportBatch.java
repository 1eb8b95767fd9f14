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
 * Applies many hosts' part reports in one round trip, whatever their number: the stored function
 * {@code sms_apply_reports} (V43) locks the messages in id order, upserts the parts, works out each message's
 * next state and updates it, in one statement. A transaction of four statements took six round trips, and
 * the database client's work per statement was most of the gateway's CPU per text (docs/sms-benchmark.md).
 *
 * <p>Reports of one message in one batch are applied together; only the first of them is told the state
 * before, so a message "becomes final" (and its sender is told) once.
 */
final class ReportBatch {

    /** One host's report about one part of one of its messages. */
    record HostReport(UUID hostId, UUID publicId, PartReport report) {
    }

    /** A message the batch changed, and its state before the batch. */
    private record Changed(OutboxMessage message, OutboxState before) {
    }

    private final DatabaseClient db;

    ReportBatch(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<Optional<ReportOutcome>>> apply(List<HostReport> reports) {
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
        return db.sql("SELECT * FROM sms_apply_reports(:hosts, :public_ids, :states, :parts, :part_counts, :codes, :reasons, :times)")
                .bind("hosts", hosts).bind("public_ids", publicIds).bind("states", states).bind("parts", parts)
                .bind("part_counts", partCounts).bind("codes", codes).bind("reasons", reasons).bind("times", times)
                .map(row -> new Changed(OutboxStore.message(row), OutboxState.fromDb(row.get("before_state", String.class))))
                .all().collectList()
                .map(changed -> outcomes(reports, changed));
    }

    /**
     * Each report's outcome: the message it is about (by id and host: a report about another host's message is
     * as unknown as one about no message), with the state before for the first report of each message.
     */
    private static List<Optional<ReportOutcome>> outcomes(List<HostReport> reports, List<Changed> changed) {
        Map<UUID, Changed> byPublicId = new HashMap<>();
        changed.forEach(c -> byPublicId.put(c.message().publicId(), c));
        Set<UUID> told = new HashSet<>();
        List<Optional<ReportOutcome>> outcomes = new ArrayList<>();
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
