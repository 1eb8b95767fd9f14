package org.switchboard.common.audit;

import java.time.Instant;

/** One recorded admin action: who did what to whom, from where, over which protocol. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String details, String sourceAddress,
                         String protocol) {
}
