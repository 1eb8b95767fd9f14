package org.switchboard.common.federation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Remote domains blocked from federation (table {@code s2s_blocked_domains}). A change is committed first and then
 * published on {@link #changes()}, which the XMPP server of this process follows to close the domain's connections
 * at once (the way {@code GroupStore} publishes room changes).
 */
public final class BlockedDomains {

    /** RFC 1035's limit on a domain name; XMPP domain parts are at most 1023 bytes, DNS names less. */
    public static final int MAX_DOMAIN = 253;
    public static final int MAX_REASON = 500;

    /** One blocked domain. */
    public record Block(String domain, String reason, String blockedBy, Instant blockedAt) {
    }

    /** A domain was blocked ({@code blocked}) or unblocked. */
    public record Change(String domain, boolean blocked) {
    }

    private final DatabaseClient db;
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

    public BlockedDomains(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The form domains are kept and compared in: lower case, no trailing dot; null when {@code domain} is not a DNS
     * name (labels of letters, digits and hyphens, 1 to 63 characters, the whole at most {@link #MAX_DOMAIN}).
     */
    public static String normalize(String domain) {
        if (domain == null) {
            return null;
        }
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.isEmpty() || lower.length() > MAX_DOMAIN) {
            return null;
        }
        for (String label : lower.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return lower;
    }

    /**
     * Blocks {@code domain} (normalized); false when it was blocked already. Either way the block is published, so
     * connections to the domain are closed again.
     */
    public Mono<Boolean> block(String domain, String reason, String blockedBy) {
        return db.sql("INSERT INTO s2s_blocked_domains (domain, reason, blocked_by) VALUES (:domain, :reason, :by) "
                        + "ON CONFLICT (domain) DO NOTHING")
                .bind("domain", domain)
                .bind("by", blockedBy)
                .bind("reason", reason == null ? "" : reason) // empty for none, as list() reads it back
                .fetch().rowsUpdated()
                .map(rows -> rows > 0)
                .doOnNext(added -> publish(new Change(domain, true)));
    }

    /** Lifts the block on {@code domain}; false when it was not blocked. */
    public Mono<Boolean> unblock(String domain) {
        return db.sql("DELETE FROM s2s_blocked_domains WHERE domain = :domain").bind("domain", domain)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0)
                .doOnNext(removed -> {
                    if (removed) {
                        publish(new Change(domain, false));
                    }
                });
    }

    public Flux<Block> list() {
        return db.sql("SELECT domain, reason, blocked_by, blocked_at FROM s2s_blocked_domains ORDER BY domain")
                .map(row -> new Block(row.get("domain", String.class), emptyToNull(row.get("reason", String.class)),
                        row.get("blocked_by", String.class), row.get("blocked_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    public Flux<Change> changes() {
        return changes.asFlux();
    }

    private void publish(Change change) {
        changes.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
