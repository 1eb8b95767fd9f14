package org.switchboard.common.lockout;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@link AuthenticationGuard} on the {@code auth_failures} and {@code lockouts} tables, so every process
 * of a deployment (and every protocol) shares one count.
 */
public final class PostgresAuthenticationGuard implements AuthenticationGuard {

    private static final Logger log = LoggerFactory.getLogger(PostgresAuthenticationGuard.class);

    private final DatabaseClient db;
    private final LockoutPolicy policy;
    private final Clock clock;

    public PostgresAuthenticationGuard(DatabaseClient db, LockoutPolicy policy, Clock clock) {
        this.db = db;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Mono<Lockout> check(String localpart, String sourceAddress) {
        return db.sql("""
                        SELECT scope, subject, locked_until FROM lockouts
                        WHERE locked_until > :now AND ((scope = 'account' AND subject = :account)
                                                    OR (scope = 'address' AND subject = :address))
                        ORDER BY locked_until DESC LIMIT 1""")
                .bind("now", now())
                .bind("account", key(localpart))
                .bind("address", sourceAddress)
                .map(row -> new Lockout(
                        Lockout.Scope.valueOf(row.get("scope", String.class).toUpperCase(Locale.ROOT)),
                        row.get("subject", String.class),
                        row.get("locked_until", OffsetDateTime.class).toInstant()))
                .first();
    }

    @Override
    public Mono<Lockout> recordFailure(String localpart, String sourceAddress, String protocol) {
        String account = key(localpart);
        OffsetDateTime since = now().minus(policy.window());
        return db.sql("INSERT INTO auth_failures (localpart, source_address, protocol, failed_at) VALUES (:account, :address, :protocol, :now)")
                .bind("account", account)
                .bind("address", sourceAddress)
                .bind("protocol", protocol)
                .bind("now", now())
                .then()
                .then(countSince("localpart", account, since))
                .flatMap(accountFailures -> accountFailures >= policy.accountFailures()
                        ? lock(Lockout.Scope.ACCOUNT, account, accountFailures, protocol, sourceAddress)
                        : countSince("source_address", sourceAddress, since).flatMap(addressFailures ->
                                addressFailures >= policy.addressFailures()
                                        ? lock(Lockout.Scope.ADDRESS, sourceAddress, addressFailures, protocol, sourceAddress)
                                        : Mono.empty()));
    }

    @Override
    public Mono<Void> recordSuccess(String localpart, String sourceAddress) {
        return db.sql("DELETE FROM auth_failures WHERE localpart = :account")
                .bind("account", key(localpart))
                .then();
    }

    @Override
    public Mono<Void> clear(String localpart) {
        String account = key(localpart);
        return db.sql("DELETE FROM lockouts WHERE scope = 'account' AND subject = :account")
                .bind("account", account)
                .then()
                .then(db.sql("DELETE FROM auth_failures WHERE localpart = :account").bind("account", account).then());
    }

    private Mono<Long> countSince(String column, String value, OffsetDateTime since) {
        return db.sql("SELECT count(*) AS n FROM auth_failures WHERE " + column + " = :value AND failed_at > :since")
                .bind("value", value)
                .bind("since", since)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private Mono<Lockout> lock(Lockout.Scope scope, String subject, long failures, String protocol, String address) {
        Instant until = clock.instant().plus(policy.lockDuration());
        log.warn("Locking {} '{}' until {} after {} failed authentications (last via {} from {})",
                scope.name().toLowerCase(Locale.ROOT), subject, until, failures, protocol, address);
        return db.sql("""
                        INSERT INTO lockouts (scope, subject, locked_until, failures) VALUES (:scope, :subject, :until, :failures)
                        ON CONFLICT (scope, subject) DO UPDATE SET locked_until = EXCLUDED.locked_until,
                            failures = EXCLUDED.failures, created_at = now()""")
                .bind("scope", scope.name().toLowerCase(Locale.ROOT))
                .bind("subject", subject)
                .bind("until", until.atOffset(ZoneOffset.UTC))
                .bind("failures", (int) Math.min(failures, Integer.MAX_VALUE))
                .then()
                .thenReturn(new Lockout(scope, subject, until));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Failures count per name as typed, lower-cased and bounded, whether or not such an account exists. */
    private static String key(String localpart) {
        String lower = localpart == null ? "" : localpart.toLowerCase(Locale.ROOT);
        return lower.length() > 1024 ? lower.substring(0, 1024) : lower;
    }
}
