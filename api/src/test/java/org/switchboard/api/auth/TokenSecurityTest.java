package org.switchboard.api.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;
import org.switchboard.common.account.Account;

/** Access tokens that must not open anything: expired, forged, unsigned, tampered, or plain garbage. */
class TokenSecurityTest extends ApiTest {

    private static final byte[] SERVER_KEY = "a-test-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);

    @Autowired
    RefreshTokens refreshTokens;

    @Test
    void noTokenIsA401ThatSaysWhatToSend() {
        http.get().uri("/api/v1/account").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("send an access token as 'Authorization: Bearer <token>'");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Account account = accounts.find(createUser(uniqueName("exp"))).block();
        UUID session = openSession(account);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String token = new AccessTokens(SERVER_KEY, TestApiApplication.DOMAIN, Duration.ofMinutes(15), past).issue(account, session);
        expectRefused(token, "access token has expired; use the refresh token");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        Account account = accounts.find(createUser(uniqueName("forge"))).block();
        byte[] otherKey = "an-attackers-key-that-is-also-long-enough".getBytes(StandardCharsets.UTF_8);
        String token = new AccessTokens(otherKey, TestApiApplication.DOMAIN, Duration.ofMinutes(15), Clock.systemUTC())
                .issue(account, openSession(account));
        expectRefused(token, "access token is not valid: SignatureException");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        Account account = accounts.find(createAdmin(uniqueName("none"))).block();
        String valid = new AccessTokens(SERVER_KEY, TestApiApplication.DOMAIN, Duration.ofMinutes(15), Clock.systemUTC())
                .issue(account, openSession(account));
        String payload = valid.split("\\.")[1];
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        expectRefused(header + "." + payload + ".", "access token is not valid: UnsupportedJwtException");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        Account account = accounts.find(createUser(uniqueName("tamper"))).block();
        String valid = new AccessTokens(SERVER_KEY, TestApiApplication.DOMAIN, Duration.ofMinutes(15), Clock.systemUTC())
                .issue(account, openSession(account));
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + account.localpart() + "\"", "\"sub\":\"admin\"");
        expectRefused(parts[0] + "." + b64(payload) + "." + parts[2], "access token is not valid: SignatureException");
    }

    @Test
    void aTokenForAnotherIssuerIsRefused() {
        Account account = accounts.find(createUser(uniqueName("iss"))).block();
        String token = new AccessTokens(SERVER_KEY, "other.example", Duration.ofMinutes(15), Clock.systemUTC())
                .issue(account, openSession(account));
        expectRefused(token, "access token is not valid: IncorrectClaimException");
    }

    @Test
    void garbageIsRefused() {
        expectRefused("not.a.jwt", "access token is not valid: MalformedJwtException");
        http.get().uri("/api/v1/account").header("Authorization", "Basic dXNlcjpwYXNz").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/account").header("Authorization", "Bearer " + "a".repeat(5000)).exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("access token is empty or too long");
    }

    private UUID openSession(Account account) {
        UUID session = UUID.randomUUID();
        refreshTokens.issue(account.id(), session).block();
        return session;
    }

    private void expectRefused(String token, String detail) {
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo(detail);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
