package org.switchboard.common.audit;

import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Records what admins did, whichever protocol they used (REST admin API, XEP-0133). */
public final class AuditLog {

    private final DatabaseClient db;

    public AuditLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(String actor, String action, String target, String details, String sourceAddress, String protocol) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO admin_audit_log (actor, action, target, details, source_address, protocol)
                        VALUES (:actor, :action, :target, :details, :address, :protocol)""")
                .bind("actor", actor)
                .bind("action", action)
                .bind("protocol", protocol);
        spec = target == null ? spec.bindNull("target", String.class) : spec.bind("target", target);
        spec = details == null ? spec.bindNull("details", String.class) : spec.bind("details", details);
        spec = sourceAddress == null ? spec.bindNull("address", String.class) : spec.bind("address", sourceAddress);
        return spec.then();
    }

    /** Entries older than {@code beforeId} (all when null), newest first, at most {@code limit}. */
    public Flux<AuditEntry> recent(Long beforeId, int limit) {
        return db.sql("""
                        SELECT id, at, actor, action, target, details, source_address, protocol FROM admin_audit_log
                        WHERE id < :before ORDER BY id DESC LIMIT :limit""")
                .bind("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .bind("limit", limit)
                .map(row -> new AuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class), row.get("action", String.class), row.get("target", String.class),
                        row.get("details", String.class), row.get("source_address", String.class), row.get("protocol", String.class)))
                .all();
    }
}
