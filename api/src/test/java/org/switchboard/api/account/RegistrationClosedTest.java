package org.switchboard.api.account;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;

@TestPropertySource(properties = "test.registration=closed")
class RegistrationClosedTest extends ApiTest {

    @Test
    void closedRegistrationIsA403ThatSaysSo() {
        String name = uniqueName("walkin");
        http.post().uri("/api/v1/account/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange().expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:switchboard:problem:registration-closed")
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains("registration is closed"));
        org.assertj.core.api.Assertions.assertThat(accounts.find(name).block()).isNull();
    }
}
