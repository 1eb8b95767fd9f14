package org.switchboard.api.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.Account;

/**
 * Short-lived access tokens: HS256 JWTs naming the account and the login session ({@code sid}, the refresh
 * token family) they belong to. Unsigned ({@code alg: none}) and otherwise-signed tokens are refused by
 * the parser; the session is checked against the database on each request, so logout takes effect at once.
 */
public final class AccessTokens {

    static final String AUDIENCE = "switchboard-api";
    private static final String SESSION_CLAIM = "sid";

    private final SecretKey key;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final JwtParser parser;

    public AccessTokens(byte[] secret, String issuer, Duration ttl, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secret);
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(issuer)
                .requireAudience(AUDIENCE)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    public String issue(Account account, UUID session) {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(issuer)
                .audience().add(AUDIENCE).and()
                .subject(account.localpart())
                .claim(SESSION_CLAIM, session.toString())
                .claim("roles", account.roles())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .id(UUID.randomUUID().toString())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public Duration ttl() {
        return ttl;
    }

    /** The subject and session of a valid token; a 401 problem naming what is wrong otherwise. */
    public Verified verify(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String session = claims.get(SESSION_CLAIM, String.class);
            if (claims.getSubject() == null || session == null) {
                throw new ApiException(ApiProblem.UNAUTHENTICATED, "access token lacks a subject or session");
            }
            return new Verified(claims.getSubject(), UUID.fromString(session));
        } catch (ExpiredJwtException e) {
            throw new ApiException(ApiProblem.UNAUTHENTICATED, "access token has expired; use the refresh token");
        } catch (JwtException | IllegalArgumentException e) {
            throw new ApiException(ApiProblem.UNAUTHENTICATED, "access token is not valid: " + e.getClass().getSimpleName());
        }
    }

    public record Verified(String localpart, UUID session) {
    }
}
