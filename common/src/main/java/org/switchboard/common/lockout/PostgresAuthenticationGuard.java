package org.switchboard.common.lockout;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.common.net.AddressKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
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

    /** The lock in force for the account, the address or the pair, the one lasting longest first. */
    private static final String LOCK_IN_FORCE = """
            SELECT scope, subject, locked_until FROM lockouts
            WHERE locked_until > :now AND ((scope = 'account' AND subject = :account)
                                        OR (scope = 'address' AND subject = :address)
                                        OR (scope = 'pair' AND subject = :pair))
            ORDER BY locked_until DESC LIMIT 1""";

    @Override
    public Mono<Lockout> check(String localpart, String sourceAddress) {
        String account = key(localpart);
        String address = AddressKey.of(sourceAddress);
        return db.sql(LOCK_IN_FORCE)
                .bind("now", now())
                .bind("account", account)
                .bind("address", address)
                .bind("pair", pair(address, account))
                .map(PostgresAuthenticationGuard::lockout)
                .first();
    }

    /** One statement for all of them: the same look per attempt, numbered so the answers keep their order. */
    @Override
    public Mono<List<Standing>> standings(List<Attempt> attempts) {
        int n = attempts.size();
        String[] accounts = new String[n];
        String[] addresses = new String[n];
        String[] pairs = new String[n];
        for (int i = 0; i < n; i++) {
            accounts[i] = key(attempts.get(i).localpart());
            addresses[i] = AddressKey.of(attempts.get(i).sourceAddress());
            pairs[i] = pair(addresses[i], accounts[i]);
        }
        return db.sql("""
                        SELECT q.n, l.scope, l.subject, l.locked_until, EXISTS (SELECT 1 FROM auth_failures f
                                   WHERE f.localpart = q.account AND f.source_address = q.address) AS failures
                        FROM unnest(:accounts::text[], :addresses::text[], :pairs::text[]) WITH ORDINALITY AS q(account, address, pair, n)
                        LEFT JOIN LATERAL (SELECT scope, subject, locked_until FROM lockouts
                            WHERE locked_until > :now AND ((scope = 'account' AND subject = q.account)
                                                        OR (scope = 'address' AND subject = q.address)
                                                        OR (scope = 'pair' AND subject = q.pair))
                            ORDER BY locked_until DESC LIMIT 1) AS l ON true
                        ORDER BY q.n""")
                .bind("now", now())
                .bind("accounts", accounts)
                .bind("addresses", addresses)
                .bind("pairs", pairs)
                .map(row -> new Standing(row.get("scope", String.class) == null ? null : lockout(row),
                        Boolean.TRUE.equals(row.get("failures", Boolean.class))))
                .all()
                .collectList();
    }

    private static Lockout lockout(Readable row) {
        return new Lockout(
                Lockout.Scope.valueOf(row.get("scope", String.class).toUpperCase(Locale.ROOT)),
                row.get("subject", String.class),
                row.get("locked_until", OffsetDateTime.class).toInstant());
    }

    /**
     * Counts the failure three ways (see {@link LockoutPolicy}) and locks what crossed its threshold. The
     * pair is checked first: it is what an ordinary run of wrong guesses from one place should lock.
     */
    @Override
    public Mono<Lockout> recordFailure(String localpart, String sourceAddress, String protocol) {
        String account = key(localpart);
        String address = AddressKey.of(sourceAddress);
        OffsetDateTime since = now().minus(policy.window());
        return db.sql("INSERT INTO auth_failures (localpart, source_address, protocol, failed_at) VALUES (:account, :address, :protocol, :now)")
                .bind("account", account)
                .bind("address", address)
                .bind("protocol", protocol)
                .bind("now", now())
                .then()
                .then(counts(account, address, since))
                .flatMap(counts -> {
                    List<Lockout> crossed = new ArrayList<>();
                    if (counts.pair() >= policy.pairFailures()) {
                        crossed.add(new Lockout(Lockout.Scope.PAIR, pair(address, account), lockEnd()));
                    }
                    if (counts.address() >= policy.addressFailures()) {
                        crossed.add(new Lockout(Lockout.Scope.ADDRESS, address, lockEnd()));
                    }
                    if (counts.account() >= policy.accountFailures()) {
                        crossed.add(new Lockout(Lockout.Scope.ACCOUNT, account, lockEnd()));
                    }
                    // every crossed threshold is locked; the caller is told of the most specific one
                    return Flux.fromIterable(crossed)
                            .concatMap(lockout -> lock(lockout, counts.of(lockout.scope()), protocol, address))
                            .then(Mono.justOrEmpty(crossed.isEmpty() ? null : crossed.get(0)));
                });
    }

    /** A successful login from an address clears that address's failures for the account, and only those. */
    @Override
    public Mono<Void> recordSuccess(String localpart, String sourceAddress) {
        return db.sql("DELETE FROM auth_failures WHERE localpart = :account AND source_address = :address")
                .bind("account", key(localpart))
                .bind("address", AddressKey.of(sourceAddress))
                .then();
    }

    /** Lifts every lock of the account name, account-wide and per address, and forgets its failures. */
    @Override
    public Mono<Void> clear(String localpart) {
        String account = key(localpart);
        return db.sql("""
                        DELETE FROM lockouts WHERE (scope = 'account' AND subject = :account)
                            OR (scope = 'pair' AND right(subject, length(:account) + 1) = '|' || :account)""")
                .bind("account", account)
                .then()
                .then(db.sql("DELETE FROM auth_failures WHERE localpart = :account").bind("account", account).then());
    }

    @Override
    public Flux<ActiveLockout> active(int limit) {
        return db.sql("""
                        SELECT scope, subject, locked_until, failures, created_at FROM lockouts
                        WHERE locked_until > :now ORDER BY created_at DESC, subject LIMIT :limit""")
                .bind("now", now())
                .bind("limit", limit)
                .map(row -> {
                    Lockout lockout = new Lockout(Lockout.Scope.valueOf(row.get("scope", String.class).toUpperCase(Locale.ROOT)),
                            row.get("subject", String.class), row.get("locked_until", OffsetDateTime.class).toInstant());
                    String[] parts = parts(lockout.scope(), lockout.subject());
                    return new ActiveLockout(lockout, parts[0], parts[1], row.get("failures", Integer.class),
                            row.get("created_at", OffsetDateTime.class).toInstant());
                })
                .all();
    }

    @Override
    public Mono<Boolean> lift(Lockout.Scope scope, String subject) {
        String[] parts = parts(scope, subject);
        String forget = switch (scope) {
            case ACCOUNT -> "DELETE FROM auth_failures WHERE localpart = :account";
            case ADDRESS -> "DELETE FROM auth_failures WHERE source_address = :address";
            case PAIR -> "DELETE FROM auth_failures WHERE localpart = :account AND source_address = :address";
        };
        DatabaseClient.GenericExecuteSpec forgetting = db.sql(forget);
        forgetting = parts[0] == null ? forgetting : forgetting.bind("account", parts[0]);
        DatabaseClient.GenericExecuteSpec failures = parts[1] == null ? forgetting : forgetting.bind("address", parts[1]);
        return db.sql("DELETE FROM lockouts WHERE scope = :scope AND subject = :subject AND locked_until > :now")
                .bind("scope", scope.name().toLowerCase(Locale.ROOT))
                .bind("subject", subject)
                .bind("now", now())
                .fetch().rowsUpdated()
                .flatMap(deleted -> failures.then().thenReturn(deleted > 0))
                .doOnNext(lifted -> {
                    if (lifted) {
                        log.info("Lifted the {} lock of '{}'", scope.name().toLowerCase(Locale.ROOT), subject);
                    }
                });
    }

    /** The account name and the address a lock's subject stands for; a pair's subject is {@code address|account}. */
    private static String[] parts(Lockout.Scope scope, String subject) {
        return switch (scope) {
            case ACCOUNT -> new String[] {subject, null};
            case ADDRESS -> new String[] {null, subject};
            case PAIR -> {
                int bar = subject.indexOf('|');
                yield bar < 0 ? new String[] {subject, null} : new String[] {subject.substring(bar + 1), subject.substring(0, bar)};
            }
        };
    }

    private record Counts(long pair, long address, long account) {
        long of(Lockout.Scope scope) {
            return switch (scope) {
                case PAIR -> pair;
                case ADDRESS -> address;
                case ACCOUNT -> account;
            };
        }
    }

    private Mono<Counts> counts(String account, String address, OffsetDateTime since) {
        return db.sql("""
                        SELECT count(*) FILTER (WHERE localpart = :account AND source_address = :address) AS pair,
                               count(*) FILTER (WHERE source_address = :address) AS by_address,
                               count(*) FILTER (WHERE localpart = :account) AS by_account
                        FROM auth_failures
                        WHERE failed_at > :since AND (localpart = :account OR source_address = :address)""")
                .bind("account", account)
                .bind("address", address)
                .bind("since", since)
                .map(row -> new Counts(row.get("pair", Long.class), row.get("by_address", Long.class),
                        row.get("by_account", Long.class)))
                .one();
    }

    private Instant lockEnd() {
        return clock.instant().plus(policy.lockDuration());
    }

    private Mono<Lockout> lock(Lockout lockout, long failures, String protocol, String address) {
        Lockout.Scope scope = lockout.scope();
        String subject = lockout.subject();
        Instant until = lockout.until();
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
                .thenReturn(lockout);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String pair(String address, String account) {
        String subject = address + "|" + account;
        return subject.length() > 1024 ? subject.substring(0, 1024) : subject;
    }

    /** Failures count per name as typed, lower-cased and bounded, whether or not such an account exists. */
    private static String key(String localpart) {
        String lower = localpart == null ? "" : localpart.toLowerCase(Locale.ROOT);
        return lower.length() > 1024 ? lower.substring(0, 1024) : lower;
    }
}
