package org.switchboard.sip.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.sip.limits.SipLimits;
import reactor.core.publisher.Mono;

/**
 * Call detail records in {@code sip_calls} (V33, ADR 0043). The row of an attempt is committed before its INVITE
 * is forwarded, so a crash leaves at least the attempt; the answer and the end are written as they happen.
 */
public final class CallRecords {

    /** How an attempt started: its row id, or the limit that refused it (then the row is already final). */
    public record Start(long id, int refusal, String reason) {
        public boolean refused() { return refusal != 0; }
    }

    private final DatabaseClient db;
    private final String domain;

    public CallRecords(DatabaseClient db, String domain) {
        this.db = db;
        this.domain = domain;
    }

    /**
     * Records an attempt by account {@code callerId} (0 for a call from the trunk, ADR 0046) to {@code callee} (a localpart of this domain, which may not
     * exist). With a cap above 0, an attempt that would give the caller or the callee more than {@code cap} open
     * calls is recorded as refused: 403 for the caller's own limit, 486 (busy) for the callee's. Both accounts'
     * rows are locked while counting, so two INVITEs at once cannot both pass.
     */
    public Mono<Start> start(String callId, long callerId, String callee, String fromUri, String toUri, int cap, Instant now) {
        // one round trip: the sip_call_start function (V39) does the lookup, the locks, the counts and the insert
        var spec = db.sql("SELECT id, refusal, reason FROM sip_call_start(:call, :caller, :callee, :domain, :from, :to, :now, :cap, :since)")
                .bind("call", cut(callId, 256)).bind("callee", callee).bind("domain", domain)
                .bind("from", cut(fromUri, 512)).bind("to", cut(toUri, 512)).bind("now", at(now)).bind("cap", cap)
                .bind("since", at(now.minus(SipLimits.LONGEST_CALL)));
        spec = callerId == 0 ? spec.bindNull("caller", Long.class) : spec.bind("caller", callerId);   // 0: a call from the trunk
        return spec.map(row -> new Start(row.get("id", Long.class), row.get("refusal", Integer.class), row.get("reason", String.class)))
                .one();
    }

    /** A phone answered: the call is established until a BYE. */
    public Mono<Void> answered(long id, String contact, Instant now) {
        var spec = db.sql("UPDATE sip_calls SET answered_at = :now, status = 200, answered_by = :contact WHERE id = :id AND answered_at IS NULL")
                .bind("id", id).bind("now", at(now));
        spec = contact == null ? spec.bindNull("contact", String.class) : spec.bind("contact", cut(contact, 1024));
        return spec.then();
    }

    /** The caller got a final answer other than 2xx: the attempt is over. */
    public Mono<Void> failed(long id, int status, String reason, Instant now) {
        var spec = db.sql("UPDATE sip_calls SET status = :status, reason = :reason, ended_at = COALESCE(ended_at, :now) "
                        + "WHERE id = :id AND answered_at IS NULL")
                .bind("id", id).bind("status", status).bind("now", at(now));
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", cut(reason, 128));
        return spec.then();
    }

    /** A BYE passed for {@code callId}: its established call ended. */
    public Mono<Long> hungUp(String callId, Instant now) {
        return db.sql("UPDATE sip_calls SET ended_at = :now WHERE call_id = :call AND ended_at IS NULL AND started_at > :since")
                .bind("call", cut(callId, 256)).bind("now", at(now)).bind("since", at(now.minus(SipLimits.LONGEST_CALL)))
                .fetch().rowsUpdated();
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
