package org.switchboard.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;

class ServerEndpointsTest extends ApiTest {

    @Autowired
    RunningServices services;

    @Test
    void serverInfoNeedsNoLoginAndListsServices() {
        services.register(new RunningServices.Endpoint("xmpp-c2s", "tcp", "chat.api.test", 5222));
        services.register(RunningServices.Endpoint.sip("wss", "chat.api.test", 5063));
        services.register(RunningServices.Endpoint.turn("udp", "chat.api.test", 3478));
        http.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.domain").isEqualTo(TestApiApplication.DOMAIN)
                .jsonPath("$.api_version").isEqualTo("v1")
                .jsonPath("$.registration").isEqualTo("open")
                .jsonPath("$.services[?(@.name == 'xmpp-c2s')].port").isEqualTo(5222)
                .jsonPath("$.services[?(@.name == 'xmpp-c2s')].uri").doesNotExist()
                .jsonPath("$.services[?(@.name == 'sip' && @.transport == 'wss')].uri").isEqualTo("wss://chat.api.test:5063")
                .jsonPath("$.services[?(@.name == 'turn')].uri").isEqualTo("turn:chat.api.test:3478?transport=udp");
    }

    @Test
    void openApiDocumentAndUiAreServed() {
        http.get().uri("/docs/openapi.json").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/account/login']").exists();
        http.get().uri("/docs").exchange().expectStatus().value(s -> assertThat(s).isIn(200, 302, 307));
    }

    @Test
    void healthIsOpenAndMetricsAreNot() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        String user = accessToken(createUser(uniqueName("nosy")));
        http.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth("scrape-token-for-tests")).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        String admin = accessToken(createAdmin(uniqueName("ops")));
        http.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
    }
}
