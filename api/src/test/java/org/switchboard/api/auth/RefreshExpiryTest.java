package org.switchboard.api.auth;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;

/** A refresh token past its lifetime (one second here) is refused like an unknown one; a fresh login still works. */
@TestPropertySource(properties = "test.refresh-ttl-seconds=1")
class RefreshExpiryTest extends ApiTest {

    @Test
    void anExpiredRefreshTokenIsA401() throws Exception {
        String name = createUser(uniqueName("sleepy"));
        String refresh = (String) login(name, PASSWORD).get("refresh_token");

        Thread.sleep(2_500);

        http.post().uri("/api/v1/account/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", refresh))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-refresh-token");
        login(name, PASSWORD);
    }
}
