package org.switchboard.sip.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.sip.limits.SipLimits;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.LocationStore;
import reactor.core.publisher.Mono;

/**
 * Call detail records in {@code sip_calls} (V33, ADR 0043). The row of an attempt is committed before its INVITE
 * is forwarded, so a crash leaves at least the attempt; the answer and the end are written as they happen. Attempts
 * that arrive together share one statement and one commit, and so do the answers, failures and ends (ADR 0047).
 */
public final class CallRecords {

    /**
     * How an attempt started: its row id, or the limit that refused it (then the row is already final); and, when not
     * refused, the callee's bindings the call can reach, read in the same statement (oldest first; none for a callee
     * that is not an account, such as a phone number for the trunk).
     */
    public record Start(long id, int refusal, String reason, List<Binding> reachable) {
        public boolean refused() { return refusal != 0; }
    }

    /** An attempt to record, with what {@link #start} was given. */
    private record Attempt(String callId, long callerId, String callee, String fromUri, String toUri, int cap, Instant now) {
    }

    /** A change to a recorded call after its start: its answer, its failure or its end. */
    private sealed interface Update permits Answer, Failure, HangUp {
    }

    private record Answer(long id, String contact, Instant now) implements Update {
    }

    private record Failure(long id, int status, String reason, Instant now) implements Update {
    }

    private record HangUp(String callId, Instant now) implements Update {
    }

    /** Enough for a burst in one commit. */
    private static final int MAX_BATCH = 128;

    private final DatabaseClient db;
    private final String domain;
    // attempts arriving together share one statement and one commit; two batches may run, both lock in id order
    private final GroupCommit<Attempt, Start> starts = new GroupCommit<>("SIP call attempts", this::startAll, MAX_BATCH, 2);
    // answers, failures and hang-ups arriving together share one statement and one commit, whatever their kinds (a call
    // answered while another hangs up), one batch at a time
    private final GroupCommit<Update, Boolean> updates = new GroupCommit<>("SIP call updates", this::updateAll, MAX_BATCH, 1);

    public CallRecords(DatabaseClient db, String domain) {
        this.db = db;
        this.domain = domain;
    }

    /**
     * Records an attempt by account {@code callerId} (0 for a call from the trunk, ADR 0046) to {@code callee} (a localpart of this domain, which may not
     * exist). With a cap above 0, an attempt that would give the caller or the callee more than {@code cap} open
     * calls is recorded as refused: 403 for the caller's own limit, 486 (busy) for the callee's. Both accounts'
     * rows are locked while counting, so two INVITEs at once cannot both pass. Completes once the row is committed.
     * The start also carries the bindings of {@code callee} the call can reach at {@code now}, as
     * {@link LocationStore#lookup} finds them: a call to an account then needs no round trip of its own for them.
     */
    public Mono<Start> start(String callId, long callerId, String callee, String fromUri, String toUri, int cap, Instant now) {
        return starts.submit(new Attempt(cut(callId, 256), callerId, callee, cut(fromUri, 512), cut(toUri, 512), cap, now));
    }

    /**
     * One statement for the batch: the sip_call_start_batch function (V40) records each with sip_call_start (V39), and
     * the attempts that were not refused are joined to their callee's reachable bindings (a row each).
     */
    private Mono<List<Optional<Start>>> startAll(List<Attempt> batch) {
        int n = batch.size();
        String[] calls = new String[n];
        Long[] callers = new Long[n];
        String[] callees = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] nows = new String[n];
        Integer[] caps = new Integer[n];
        String[] sinces = new String[n];
        for (int i = 0; i < n; i++) {
            Attempt attempt = batch.get(i);
            calls[i] = attempt.callId();
            callers[i] = attempt.callerId() == 0 ? null : attempt.callerId();   // 0: a call from the trunk
            callees[i] = attempt.callee();
            froms[i] = attempt.fromUri();
            tos[i] = attempt.toUri();
            nows[i] = attempt.now().toString();
            caps[i] = attempt.cap();
            sinces[i] = attempt.now().minus(SipLimits.LONGEST_CALL).toString();
        }
        return db.sql("SELECT s.request, s.id, s.refusal, s.reason, b.* FROM sip_call_start_batch(:calls::text[], :callers::bigint[], "
                        + ":callees::text[], :domain, :froms::text[], :tos::text[], :nows::timestamptz[], :caps::integer[], "
                        + ":sinces::timestamptz[]) s LEFT JOIN LATERAL ("
                        + LocationStore.reachable("(:callees::text[])[s.request]", ":domain", "(:nows::timestamptz[])[s.request]")
                        + " AND s.refusal = 0) b ON true ORDER BY s.request, b.registered_at")
                .bind("calls", calls).bind("callers", callers).bind("callees", callees).bind("domain", domain)
                .bind("froms", froms).bind("tos", tos).bind("nows", nows).bind("caps", caps).bind("sinces", sinces)
                .map(row -> new Row(row.get("request", Integer.class), row.get("id", Long.class), row.get("refusal", Integer.class),
                        row.get("reason", String.class), row.get("contact_uri", String.class) == null ? null : LocationStore.binding(row)))
                .all().collectList()
                .map(rows -> started(n, rows));
    }

    /** A row of a batch's start: the attempt's request number, how it started, and one reachable binding or none. */
    private record Row(int request, long id, int refusal, String reason, Binding binding) {
    }

    /** Each attempt's start with its bindings, in the batch's order (rows come ordered by request). */
    private static List<Optional<Start>> started(int n, List<Row> rows) {
        List<Optional<Start>> starts = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
        int i = 0;
        while (i < rows.size()) {
            Row first = rows.get(i);
            List<Binding> bindings = new ArrayList<>();
            for (; i < rows.size() && rows.get(i).request() == first.request(); i++) {
                if (rows.get(i).binding() != null) {
                    bindings.add(rows.get(i).binding());
                }
            }
            starts.set(first.request() - 1, Optional.of(new Start(first.id(), first.refusal(), first.reason(), List.copyOf(bindings))));
        }
        return starts;
    }

    /** A phone answered: the call is established until a BYE. */
    public Mono<Void> answered(long id, String contact, Instant now) {
        return updates.submit(new Answer(id, contact == null ? null : cut(contact, 1024), now)).then();
    }

    /** The caller got a final answer other than 2xx: the attempt is over. */
    public Mono<Void> failed(long id, int status, String reason, Instant now) {
        return updates.submit(new Failure(id, status, reason == null ? null : cut(reason, 128), now)).then();
    }

    /** A BYE passed for {@code callId}: its established call ended. */
    public Mono<Void> hungUp(String callId, Instant now) {
        return updates.submit(new HangUp(cut(callId, 256), now)).then();
    }

    /**
     * One statement for the batch, calling the function of each kind it holds. The answers, failures and hang-ups are
     * functions planned for each call (V48): as statements, a connection kept the plan it made while sip_calls was
     * small, a sequential read of the whole table per batch (CallRecordPlansTest). They change different columns under
     * different conditions, so a call answered and hung up in the same batch ends up the same in either order.
     */
    private Mono<List<Optional<Boolean>>> updateAll(List<Update> batch) {
        List<Answer> answers = only(batch, Answer.class);
        List<Failure> failures = only(batch, Failure.class);
        List<HangUp> hangUps = only(batch, HangUp.class);
        // each kind in the batch adds its function's call and the binding of its arrays; absent kinds are left out
        StringJoiner calls = new StringJoiner(", ", "SELECT ", "");
        List<UnaryOperator<DatabaseClient.GenericExecuteSpec>> binds = new ArrayList<>(3);
        if (!answers.isEmpty()) {
            calls.add("sip_calls_answered(:ids::bigint[], :ats::timestamptz[], :contacts::text[])");
            binds.add(spec -> spec.bind("ids", answers.stream().map(Answer::id).toArray(Long[]::new))
                    .bind("ats", answers.stream().map(answer -> answer.now().toString()).toArray(String[]::new))
                    .bind("contacts", answers.stream().map(Answer::contact).toArray(String[]::new)));
        }
        if (!failures.isEmpty()) {
            calls.add("sip_calls_failed(:failedIds::bigint[], :statuses::integer[], :reasons::text[], :failedAts::timestamptz[])");
            binds.add(spec -> spec.bind("failedIds", failures.stream().map(Failure::id).toArray(Long[]::new))
                    .bind("statuses", failures.stream().map(Failure::status).toArray(Integer[]::new))
                    .bind("reasons", failures.stream().map(Failure::reason).toArray(String[]::new))
                    .bind("failedAts", failures.stream().map(failure -> failure.now().toString()).toArray(String[]::new)));
        }
        if (!hangUps.isEmpty()) {
            calls.add("sip_calls_hung_up(:calls::text[], :endedAts::timestamptz[], :sinces::timestamptz[])");
            binds.add(spec -> spec.bind("calls", hangUps.stream().map(HangUp::callId).toArray(String[]::new))
                    .bind("endedAts", hangUps.stream().map(hangUp -> hangUp.now().toString()).toArray(String[]::new))
                    .bind("sinces", hangUps.stream()
                            .map(hangUp -> hangUp.now().minus(SipLimits.LONGEST_CALL).toString()).toArray(String[]::new)));
        }
        DatabaseClient.GenericExecuteSpec statement = db.sql(calls.toString());
        for (UnaryOperator<DatabaseClient.GenericExecuteSpec> bind : binds) {
            statement = bind.apply(statement);
        }
        return statement.then().then(done(batch.size()));
    }

    private static <T extends Update> List<T> only(List<Update> batch, Class<T> kind) {
        return batch.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** What a batch of updates answers each of its writes: done, once committed. */
    private static Mono<List<Optional<Boolean>>> done(int n) {
        return Mono.fromSupplier(() -> Collections.nCopies(n, Optional.of(true)));
    }

    /**
     * Deletes records older than {@code retention}, and closes attempts that never got a final answer recorded
     * (the process stopped while they rang) once they are older than {@code longestRing}.
     */
    public Mono<Long> sweep(Duration retention, Duration longestRing, Instant now) {
        return db.sql("DELETE FROM sip_calls WHERE started_at < :before").bind("before", at(now.minus(retention))).fetch().rowsUpdated()
                .flatMap(deleted -> db.sql("UPDATE sip_calls SET ended_at = :now, status = 500, reason = 'no final answer recorded' "
                                + "WHERE ended_at IS NULL AND answered_at IS NULL AND started_at < :stale")
                        .bind("now", at(now)).bind("stale", at(now.minus(longestRing))).fetch().rowsUpdated()
                        .thenReturn(deleted));
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
