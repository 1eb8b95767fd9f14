package org.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;

/**
 * The per-address limit on login and refresh requests, over HTTP at a low setting (other API tests raise it out of
 * the way): past it every request from the address is a 429 with Retry-After, right password or not.
 */
@TestPropertySource(properties = "test.login-rate=3")
class LoginRateLimitTest extends ApiTest {

    @Test
    void theFourthLoginWithinAMinuteIsA429WithRetryAfterEvenWithTheRightPassword() {
        String name = createUser(uniqueName("hasty"));
        for (int i = 0; i < 3; i++) {
            login(name, PASSWORD);
        }

        http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:rate-limited")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("more than 3"));
    }
}
