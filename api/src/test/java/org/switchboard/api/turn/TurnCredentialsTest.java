package org.switchboard.api.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.api.ApiTest;
import org.switchboard.common.turn.TurnSettings;

class TurnCredentialsTest extends ApiTest {

    @Autowired
    TurnSettings turn;

    @Test
    void aLoggedInUserGetsCredentialsTheTurnServerAccepts() {
        String name = createUser(uniqueName("caller"));
        Map<?, ?> body = http.get().uri("/api/v1/turn/credentials").headers(h -> h.setBearerAuth(accessToken(name)))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String username = (String) body.get("username");
        assertThat(username).endsWith(":" + name);
        assertThat(((Number) body.get("ttl")).longValue()).isEqualTo(turn.credentialTtl().toSeconds());
        assertThat(turn.credentials().verify(username, (String) body.get("password"), Instant.now())).isTrue();
        assertThat(turn.credentials().verify(username, "not-the-password", Instant.now())).isFalse();
        @SuppressWarnings("unchecked")
        List<String> uris = (List<String>) body.get("uris");
        assertThat(uris).contains("stun:api.test:" + turn.port(), "turn:api.test:" + turn.port() + "?transport=udp",
                "turns:api.test:" + turn.tlsPort() + "?transport=tcp");
    }

    @Test
    void anonymousCallersGetNothing() {
        http.get().uri("/api/v1/turn/credentials").exchange().expectStatus().isUnauthorized();
    }
}
