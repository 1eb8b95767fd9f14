package org.switchboard.common.account;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.password.PasswordCredentials;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** {@link AccountStore} on the {@code accounts} table of {@code V1__accounts.sql}. */
public final class PostgresAccountStore implements AccountStore {

    private static final String COLUMNS = "id, localpart, domain, kind, roles, status, created_at, updated_at";

    private final DatabaseClient db;
    /** Every subscriber (one per protocol) gets each change; none is kept for subscribers that come later. */
    private final Sinks.Many<AccountChange> changes = Sinks.many().multicast().directBestEffort();
    private final ScramCredential unknownAccount;
    private final String domain;
    private final int iterations;

    /**
     * @param iterations PBKDF2 iteration count for newly set passwords; existing verifiers keep theirs
     */
    public PostgresAccountStore(DatabaseClient db, String domain, int iterations) {
        if (iterations < ScramCredential.MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + ScramCredential.MIN_ITERATIONS);
        }
        this.db = db;
        this.domain = domain;
        this.iterations = iterations;
        this.unknownAccount = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "unknown-account", new byte[16], iterations);
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public Mono<Account> create(String username, String password, AccountKind kind, Set<String> roles) {
        String localpart;
        try {
            localpart = Localpart.normalize(username);
            Roles.check(roles);
        } catch (IllegalArgumentException invalid) {
            return Mono.error(invalid);
        }
        return derive(localpart, password).flatMap(c -> bindCredentials(db.sql("""
                        INSERT INTO accounts (localpart, domain, kind, roles,
                            scram_sha1_salt, scram_sha1_iterations, scram_sha1_stored_key, scram_sha1_server_key,
                            scram_sha256_salt, scram_sha256_iterations, scram_sha256_stored_key, scram_sha256_server_key,
                            sip_ha1_md5, sip_ha1_sha256)
                        VALUES (:localpart, :domain, :kind, :roles, :s1salt, :s1iter, :s1stored, :s1server,
                            :s256salt, :s256iter, :s256stored, :s256server, :md5, :sha256)
                        RETURNING\s""" + COLUMNS), c)
                .bind("localpart", localpart)
                .bind("domain", domain)
                .bind("kind", kind.dbValue())
                .bind("roles", roles.toArray(String[]::new))
                .map(PostgresAccountStore::account)
                .one())
                .onErrorMap(DuplicateKeyException.class, e -> new AccountExistsException(localpart + "@" + domain));
    }

    @Override
    public Mono<Account> find(String username) {
        String localpart = Localpart.normalizeOrNull(username);
        if (localpart == null) {
            return Mono.empty();
        }
        return db.sql("SELECT " + COLUMNS + " FROM accounts WHERE localpart = :localpart AND domain = :domain")
                .bind("localpart", localpart)
                .bind("domain", domain)
                .map(PostgresAccountStore::account)
                .one();
    }

    @Override
    public Flux<Account> list(int offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM accounts WHERE domain = :domain ORDER BY localpart OFFSET :offset LIMIT :limit")
                .bind("domain", domain)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(PostgresAccountStore::account)
                .all();
    }

    @Override
    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM accounts WHERE domain = :domain")
                .bind("domain", domain)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    @Override
    public Mono<ScramCredential> scramCredential(String username, ScramMechanism mechanism) {
        String localpart = Localpart.normalizeOrNull(username);
        if (localpart == null) {
            return Mono.empty();
        }
        String prefix = mechanism == ScramMechanism.SCRAM_SHA_1 ? "scram_sha1_" : "scram_sha256_";
        return db.sql("SELECT " + prefix + "salt AS salt, " + prefix + "iterations AS iterations, "
                        + prefix + "stored_key AS stored_key, " + prefix + "server_key AS server_key "
                        + "FROM accounts WHERE localpart = :localpart AND domain = :domain")
                .bind("localpart", localpart)
                .bind("domain", domain)
                .map(row -> new ScramCredential(mechanism, row.get("salt", byte[].class),
                        row.get("iterations", Integer.class), row.get("stored_key", byte[].class),
                        row.get("server_key", byte[].class)))
                .one();
    }

    /** One statement for all of them: both HA1 columns of every name. */
    @Override
    public Mono<List<Optional<SipCredentials>>> findSipCredentials(List<String> names) {
        List<String> localparts = names.stream().map(Localpart::normalizeOrNull).toList();
        String[] distinct = localparts.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        if (distinct.length == 0) {
            return Mono.just(localparts.stream().map(none -> Optional.<SipCredentials>empty()).toList());
        }
        return db.sql("SELECT " + COLUMNS + ", sip_ha1_md5, sip_ha1_sha256 FROM accounts WHERE domain = :domain AND localpart = ANY(:names)")
                .bind("domain", domain)
                .bind("names", distinct)
                .map(row -> new SipCredentials(account(row), row.get("sip_ha1_md5", String.class), row.get("sip_ha1_sha256", String.class)))
                .all()
                .collectMap(found -> found.account().localpart())
                .map(found -> localparts.stream().map(localpart -> Optional.ofNullable(localpart == null ? null : found.get(localpart))).toList());
    }

    @Override
    public Mono<Boolean> verifyPassword(String username, String password) {
        if (password == null || password.isEmpty() || password.length() > 4 * 1024) {
            return Mono.just(false);
        }
        return scramCredential(username, ScramMechanism.SCRAM_SHA_256)
                .publishOn(Schedulers.parallel())
                .map(credential -> matchesOrFalse(credential, password))
                // an unknown name costs the same PBKDF2 work and ends the same way, so neither the answer nor its
                // timing tells which names exist, even for a password SASLprep refuses
                .switchIfEmpty(Mono.fromCallable(() -> matchesOrFalse(unknownAccount, password)).subscribeOn(Schedulers.parallel())
                        .map(ignored -> false));
    }

    /** A password with a character SASLprep prohibits can match no verifier: it is simply wrong. */
    private static boolean matchesOrFalse(ScramCredential credential, String password) {
        try {
            return credential.matches(password);
        } catch (IllegalArgumentException prohibitedCharacter) {
            return false;
        }
    }

    @Override
    public Mono<Account> changePassword(String username, String newPassword) {
        return find(username).flatMap(account -> derive(account.localpart(), newPassword).flatMap(c -> bindCredentials(db.sql("""
                        UPDATE accounts SET
                            scram_sha1_salt = :s1salt, scram_sha1_iterations = :s1iter,
                            scram_sha1_stored_key = :s1stored, scram_sha1_server_key = :s1server,
                            scram_sha256_salt = :s256salt, scram_sha256_iterations = :s256iter,
                            scram_sha256_stored_key = :s256stored, scram_sha256_server_key = :s256server,
                            sip_ha1_md5 = :md5, sip_ha1_sha256 = :sha256, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS), c)
                .bind("id", account.id())
                .map(PostgresAccountStore::account)
                .one()))
                // sessions that were opened with the old password must not outlive it
                .flatMap(updated -> db.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = :id AND revoked_at IS NULL")
                        .bind("id", updated.id())
                        .then()
                        .thenReturn(updated))
                .transform(updated -> published(updated, a -> List.of(a.localpart()), AccountChange.Kind.PASSWORD_CHANGED));
    }

    @Override
    public Flux<AccountChange> changes() {
        return changes.asFlux();
    }

    private <T> Mono<T> published(Mono<T> committed, Function<T, List<String>> localparts,
                                  AccountChange.Kind kind) {
        return committed.doOnNext(result -> localparts.apply(result)
                .forEach(localpart -> changes.emitNext(new AccountChange(localpart, kind), Sinks.EmitFailureHandler.busyLooping(
                        Duration.ofSeconds(1)))));
    }

    @Override
    public Mono<Account> setRoles(String username, Set<String> roles) {
        try {
            Roles.check(roles);
        } catch (IllegalArgumentException invalid) {
            return Mono.error(invalid);
        }
        return published(update(username, "roles = :value", roles.toArray(String[]::new)),
                a -> List.of(a.localpart()), AccountChange.Kind.ROLES_CHANGED);
    }

    @Override
    public Mono<Account> setStatus(String username, AccountStatus status) {
        Mono<Account> updated = update(username, "status = :value", status.dbValue());
        return status == AccountStatus.LOCKED
                ? published(updated, a -> List.of(a.localpart()), AccountChange.Kind.LOCKED) : updated;
    }

    private Mono<Account> update(String username, String assignment, Object value) {
        String localpart = Localpart.normalizeOrNull(username);
        if (localpart == null) {
            return Mono.empty();
        }
        return db.sql("UPDATE accounts SET " + assignment + ", updated_at = now() "
                        + "WHERE localpart = :localpart AND domain = :domain RETURNING " + COLUMNS)
                .bind("localpart", localpart)
                .bind("domain", domain)
                .bind("value", value)
                .map(PostgresAccountStore::account)
                .one();
    }

    @Override
    public Mono<Boolean> delete(String username) {
        String localpart = Localpart.normalizeOrNull(username);
        if (localpart == null) {
            return Mono.just(false);
        }
        // Rows of other tables that belong to the account reference accounts(id) ON DELETE CASCADE, the
        // account's hosts among them; failures are keyed by name, so they go explicitly. The names of what is
        // deleted are returned, so the sessions of the hosts end with their owner's.
        Mono<List<String>> deleted = db.sql("""
                        DELETE FROM accounts WHERE domain = :domain AND (localpart = :localpart
                            OR owner_id = (SELECT id FROM accounts WHERE localpart = :localpart AND domain = :domain))
                        RETURNING localpart""")
                .bind("localpart", localpart)
                .bind("domain", domain)
                .map(row -> row.get("localpart", String.class))
                .all()
                .collectList()
                .flatMap(names -> db.sql("DELETE FROM auth_failures WHERE localpart = :localpart")
                        .bind("localpart", localpart)
                        .then()
                        .thenReturn(names));
        return published(deleted, names -> names, AccountChange.Kind.DELETED).map(names -> names.contains(localpart));
    }

    /** Every verifier column is written together, so no protocol is ever left with an old password. */
    private static DatabaseClient.GenericExecuteSpec bindCredentials(DatabaseClient.GenericExecuteSpec spec, PasswordCredentials c) {
        return spec
                .bind("s1salt", c.scramSha1().salt())
                .bind("s1iter", c.scramSha1().iterations())
                .bind("s1stored", c.scramSha1().storedKey())
                .bind("s1server", c.scramSha1().serverKey())
                .bind("s256salt", c.scramSha256().salt())
                .bind("s256iter", c.scramSha256().iterations())
                .bind("s256stored", c.scramSha256().storedKey())
                .bind("s256server", c.scramSha256().serverKey())
                .bind("md5", c.sipHa1Md5())
                .bind("sha256", c.sipHa1Sha256());
    }

    private Mono<PasswordCredentials> derive(String localpart, String password) {
        // PBKDF2 is deliberately slow: keep it off the I/O threads
        return Mono.fromCallable(() -> PasswordCredentials.derive(localpart, domain, password, iterations))
                .subscribeOn(Schedulers.parallel());
    }

    static Account account(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new Account(
                row.get("id", Long.class),
                row.get("localpart", String.class),
                row.get("domain", String.class),
                AccountKind.fromDb(row.get("kind", String.class)),
                roles == null ? Set.of() : Set.of(roles),
                AccountStatus.fromDb(row.get("status", String.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
