package org.switchboard.api.hosts;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;

/** Its own API context with a low per-address pairing limit (every test request comes from 127.0.0.1). */
@TestPropertySource(properties = "test.pairing-rate=3")
class HostPairingRateLimitTest extends ApiTest {

    @Test
    void tooManyPairingAttemptsFromOneAddressGet429WithRetryAfter() {
        String owner = accessToken(createUser(uniqueName("owner")));
        String code = (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Target")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("code");
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        for (int i = 0; i < 3; i++) {
            pair(wrong).expectStatus().isNotFound();
        }
        // even the right code is refused once the address is over its limit
        pair(code).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:rate-limited");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec pair(String code) {
        return http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange();
    }
}
