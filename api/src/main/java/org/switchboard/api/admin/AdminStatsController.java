package org.switchboard.api.admin;

import java.lang.management.ManagementFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.server.RunningServices;
import reactor.core.publisher.Mono;

/** Server-wide counts for admins. */
@RestController
class AdminStatsController {

    private final DatabaseClient db;
    private final RunningServices services;

    AdminStatsController(DatabaseClient db, RunningServices services) {
        this.db = db;
        this.services = services;
    }

    record Stats(long accounts, long admins, long hosts, long lockedAccounts, long activeLockouts,
                 long failedAuthenticationsLastHour, long activeLoginSessions, long uptimeSeconds,
                 java.util.List<RunningServices.Endpoint> services) {
    }

    @GetMapping("/api/v1/admin/stats")
    Mono<Stats> stats(Admin admin) {
        return db.sql("""
                        SELECT
                          (SELECT count(*) FROM accounts) AS accounts,
                          (SELECT count(*) FROM accounts WHERE 'admin' = ANY (roles)) AS admins,
                          (SELECT count(*) FROM accounts WHERE kind = 'host') AS hosts,
                          (SELECT count(*) FROM accounts WHERE status = 'locked') AS locked,
                          (SELECT count(*) FROM lockouts WHERE locked_until > now()) AS lockouts,
                          (SELECT count(*) FROM auth_failures WHERE failed_at > now() - interval '1 hour') AS failures,
                          (SELECT count(DISTINCT family_id) FROM refresh_tokens
                             WHERE revoked_at IS NULL AND spent_at IS NULL AND expires_at > now()) AS sessions""")
                .map(row -> new Stats(row.get("accounts", Long.class), row.get("admins", Long.class), row.get("hosts", Long.class),
                        row.get("locked", Long.class), row.get("lockouts", Long.class), row.get("failures", Long.class),
                        row.get("sessions", Long.class), ManagementFactory.getRuntimeMXBean().getUptime() / 1000, services.list()))
                .one();
    }
}
