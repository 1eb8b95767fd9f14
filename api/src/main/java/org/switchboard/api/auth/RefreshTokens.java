package org.switchboard.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import reactor.core.publisher.Mono;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Each use spends the token and issues its successor
 * in the same family; a spent token presented again means it was copied, so the whole family is revoked.
 */
public final class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_LENGTH = 128;

    private final DatabaseClient db;
    private final Duration ttl;
    private final Clock clock;

    public RefreshTokens(DatabaseClient db, Duration ttl, Clock clock) {
        this.db = db;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new token in {@code family} for the account. */
    public Mono<String> issue(long accountId, UUID family) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return db.sql("INSERT INTO refresh_tokens (account_id, family_id, token_hash, issued_at, expires_at) VALUES (:account, :family, :hash, :now, :expires)")
                .bind("account", accountId)
                .bind("family", family)
                .bind("hash", hash(token))
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("expires", clock.instant().plus(ttl).atOffset(ZoneOffset.UTC))
                .then()
                .thenReturn(token);
    }

    /** Spends {@code token}; the account and family it belonged to, or a 401 problem. */
    public Mono<Spent> spend(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Mono.error(new ApiException(ApiProblem.INVALID_REFRESH_TOKEN, "refresh_token is missing or malformed"));
        }
        byte[] hash = hash(token);
        // one statement, so two concurrent refreshes with the same token cannot both succeed
        return db.sql("""
                        UPDATE refresh_tokens t SET spent_at = :now FROM accounts a
                        WHERE a.id = t.account_id AND t.token_hash = :hash
                          AND t.spent_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > :now
                        RETURNING a.localpart, t.family_id""")
                .bind("hash", hash)
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> new Spent(row.get("localpart", String.class), row.get("family_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.defer(() -> refuse(hash)));
    }

    private Mono<Spent> refuse(byte[] hash) {
        return db.sql("SELECT family_id, spent_at IS NOT NULL AS spent, revoked_at IS NOT NULL AS revoked FROM refresh_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map(row -> new Object[] {row.get("family_id", UUID.class), row.get("spent", Boolean.class), row.get("revoked", Boolean.class)})
                .one()
                .flatMap(found -> {
                    UUID family = (UUID) found[0];
                    if ((Boolean) found[1] || (Boolean) found[2]) {
                        log.warn("Spent refresh token of family {} presented again: revoking the family", family);
                        return revokeFamily(family).then(Mono.<Spent>error(new ApiException(ApiProblem.REFRESH_TOKEN_REUSED,
                                "this refresh token was already used or revoked; every token of this login is now revoked, log in again")));
                    }
                    return Mono.error(new ApiException(ApiProblem.INVALID_REFRESH_TOKEN, "refresh token has expired; log in again"));
                })
                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.INVALID_REFRESH_TOKEN, "refresh token is not known")));
    }

    public Mono<Void> revokeFamily(UUID family) {
        return db.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("family", family)
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .then();
    }

    /** True while the login session has a token that is not revoked: what keeps its access tokens valid. */
    public Mono<Boolean> isActive(UUID family) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = :family AND revoked_at IS NULL) AS active")
                .bind("family", family)
                .map(row -> row.get("active", Boolean.class))
                .one();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Spent(String localpart, UUID family) {
    }
}
