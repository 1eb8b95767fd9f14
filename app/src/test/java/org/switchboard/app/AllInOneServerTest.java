package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.config.Environment;

/**
 * The acceptance walk-through on the real launcher: its own embedded PostgreSQL in a fresh data
 * directory, the first admin from the environment, a user's life, and a restart on the same directory.
 */
class AllInOneServerTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartAdminUserLifecycleAndRestartKeepsData() throws Exception {
        Environment env = env(
                "SWITCHBOARD_DOMAIN", "chat.test",
                "SWITCHBOARD_ADMIN_USER", "boss",
                "SWITCHBOARD_ADMIN_PASSWORD", "boss-password-123",
                "SWITCHBOARD_PASSWORD_ITERATIONS", "4096",
                "SWITCHBOARD_XMPP_BIND", "127.0.0.1",
                "SWITCHBOARD_XMPP_C2S_PORT", "0",
                "SWITCHBOARD_XMPP_TLS_PORT", "0",
                "SWITCHBOARD_XMPP_COMPONENT_PORT", "0",
                "SWITCHBOARD_HTTPS_PORT", "0",
                "SWITCHBOARD_PROXY65_BIND", "127.0.0.1",
                "SWITCHBOARD_PROXY65_PORT", "0",
                "SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1",
                "SWITCHBOARD_TURN_PORT", "0",
                "SWITCHBOARD_TURN_TLS_PORT", "0",
                "SWITCHBOARD_TURN_RELAY_PORTS", "41000-41100",
                "SWITCHBOARD_SIP_BIND", "127.0.0.1",
                "SWITCHBOARD_SIP_UDP_PORT", "0",
                "SWITCHBOARD_SIP_TCP_PORT", "0",
                "SWITCHBOARD_SIP_TLS_PORT", "0",
                "SWITCHBOARD_SIP_WS_PORT", "0",
                "SWITCHBOARD_SIP_WSS_PORT", "0");

        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            WebTestClient http = client(server);
            http.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.domain").isEqualTo("chat.test")
                    .jsonPath("$.services[?(@.name == 'api')].port").isEqualTo(port(server));

            String admin = login(http, "boss", "boss-password-123");
            // the only admin cannot delete itself: nobody could administer the server afterwards
            http.method(HttpMethod.DELETE).uri("/api/v1/account").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", "boss-password-123"))
                    .exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.detail").isEqualTo("this is the last admin account; make another admin first");
            http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
                    .exchange().expectStatus().isCreated();
            http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "bob", "password", "bob-password-12"))
                    .exchange().expectStatus().isCreated();

            // the account made through the API logs in over XMPP with the same password
            try (var bob = XmppClients.login(server, "bob", "bob-password-12")) {
                assertThat(bob.connection().isAuthenticated()).isTrue();
                assertThat(bob.connection().isSecureConnection()).isTrue();
                assertThat(bob.connection().getUser().asBareJid().toString()).isEqualTo("bob@chat.test");
                // the XMPP meters reach the same scrape as the API's and TURN's
                String metrics = http.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
                assertThat(metrics).contains("switchboard_xmpp_sessions 1.0")
                        .contains("switchboard_xmpp_auth_total{outcome=\"success\"} 1.0");
            }
            http.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.services[?(@.name == 'xmpp-c2s' && @.transport == 'starttls')].port").exists()
                    .jsonPath("$.services[?(@.name == 'turn' && @.transport == 'udp')].port").exists()
                    .jsonPath("$.services[?(@.name == 'xmpp-websocket' && @.transport == 'wss')].port").exists()
                    .jsonPath("$.services[?(@.name == 'xmpp-proxy65' && @.transport == 'tcp')].port").exists()
                    // federation is off unless asked for
                    .jsonPath("$.services[?(@.name == 'xmpp-s2s')]").isEmpty();

            Map<?, ?> tokens = loginResponse(http, "alice", "alice-password-1");
            Map<?, ?> refreshed = http.post().uri("/api/v1/account/refresh").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("refresh_token", tokens.get("refresh_token")))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            Map<?, ?> changed = http.put().uri("/api/v1/account/password")
                    .headers(h -> h.setBearerAuth((String) refreshed.get("access_token"))).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("old_password", "alice-password-1", "new_password", "alice-password-2"))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            http.method(HttpMethod.DELETE).uri("/api/v1/account").headers(h -> h.setBearerAuth((String) changed.get("access_token")))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", "alice-password-2"))
                    .exchange().expectStatus().isNoContent();
        }

        try (ConfigurableApplicationContext restarted = Launcher.launch(env)) {
            WebTestClient http = client(restarted);
            login(http, "bob", "bob-password-12");
            login(http, "boss", "boss-password-123");
            http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "alice", "password", "alice-password-2"))
                    .exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void withoutAnAdminPasswordOneIsGenerated() {
        Environment env = env("SWITCHBOARD_PASSWORD_ITERATIONS", "4096", "SWITCHBOARD_ROLES", "api");
        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            var admin = server.getBean(org.switchboard.common.account.AccountStore.class).find("admin").block();
            assertThat(admin).isNotNull();
            assertThat(admin.isAdmin()).isTrue();
            // the generated password is only in the log; a guess does not open it
            client(server).post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "admin", "password", "admin-admin"))
                    .exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void theApiServesHttpsWithTheServerCertificateWhenAsked() throws Exception {
        Environment env = env("SWITCHBOARD_PASSWORD_ITERATIONS", "4096", "SWITCHBOARD_ROLES", "api", "SWITCHBOARD_API_TLS", "true");
        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            java.security.cert.X509Certificate certificate = org.switchboard.common.tls.CertificateProvider
                    .selfSigned(dataDir.resolve("tls"), "localhost").leaf();
            var ssl = io.netty.handler.ssl.SslContextBuilder.forClient().trustManager(certificate).build();
            var https = WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                            reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))))
                    .baseUrl("https://localhost:" + port(server)).build();
            https.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.services[?(@.name == 'api')].transport").isEqualTo("https");
            // plain HTTP to the same port gets no HTTP answer: the TLS listener sends an alert or closes
            try (java.net.Socket plain = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port(server))) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("GET /api/v1/server/info HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] answer = plain.getInputStream().readNBytes(64);
                assertThat(new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
            }
        }
    }

    /** A fresh data directory and loopback listeners on free ports, plus the given variables. */
    private Environment env(String... pairs) {
        Map<String, String> variables = new java.util.HashMap<>(Map.of(
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_API_PORT", "0",
                "SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"));
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put(pairs[i], pairs[i + 1]);
        }
        return new Environment(variables);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(context)).build();
    }

    private static String login(WebTestClient http, String name, String password) {
        return (String) loginResponse(http, name, password).get("access_token");
    }

    private static Map<?, ?> loginResponse(WebTestClient http, String name, String password) {
        return http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
