package org.switchboard.common.audit;

import org.springframework.r2dbc.core.DatabaseClient;
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
}
