package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.config.Environment;
import org.switchboard.common.testing.OutsidePeers;

/**
 * A real softphone against the all-in-one server: two baresip instances (Debian {@code baresip}) register over
 * TLS with accounts made over the REST API; one calls the other through the gateway (which reaches the callee over
 * the TLS connection it registered on: baresip has no server certificate, ADR 0045), the callee answers and the
 * caller hangs up. Signalling only: the phones have no audio devices. Also checks that server/info
 * lists every SIP transport with its URI.
 */
class BaresipCallTest {

    private static final String DOMAIN = "sip.test";

    @TempDir
    Path dataDir;

    /** What a test does with two registered phones, the callee answering by itself. */
    interface Phones {
        void use(Baresip anna, Baresip ben) throws Exception;
    }

    @Test
    void twoBaresipsRegisterOverTlsWithAccountsMadeOverRest() throws Exception {
        withTwoRegisteredPhones((anna, ben) -> { });
    }

    @Test
    void oneBaresipCallsTheOtherThroughTheGatewayAndHangsUp() throws Exception {
        withTwoRegisteredPhones((anna, ben) -> {
            anna.command("dial", "sip:ben@" + DOMAIN);
            // baresip 1.0 with answermode=auto answers without a CALL_INCOMING event
            assertThat(ben.await(e -> e.contains("CALL_ESTABLISHED"), Duration.ofSeconds(30)))
                    .as("ben rings and answers: " + anna.log() + "\n----- ben:\n" + ben.log()).isNotNull();
            assertThat(anna.await(e -> e.contains("CALL_ESTABLISHED"), Duration.ofSeconds(30)))
                    .as("anna's call is answered: " + anna.log()).isNotNull();
            anna.command("hangup", "");
            assertThat(ben.await(e -> e.contains("CALL_CLOSED"), Duration.ofSeconds(30)))
                    .as("ben hears the hang-up: " + ben.log()).isNotNull();
        });
    }

    private void withTwoRegisteredPhones(Phones test) throws Exception {
        OutsidePeers.require(Files.isExecutable(Baresip.BINARY), "baresip (apt-get install baresip)");
        Environment env = new Environment(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_DOMAIN", DOMAIN),
                Map.entry("SWITCHBOARD_API_PORT", "0"),
                Map.entry("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_ADMIN_USER", "boss"),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", "boss-password-123"),
                Map.entry("SWITCHBOARD_PASSWORD_ITERATIONS", "4096"),
                Map.entry("SWITCHBOARD_ROLES", "api,sip"),
                Map.entry("SWITCHBOARD_SIP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_SIP_HOST", "127.0.0.1"),
                Map.entry("SWITCHBOARD_SIP_UDP_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_TCP_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_WS_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_WSS_PORT", "0"),
                // baresip 1.0 (Debian 12) gives up on a 401 that carries any SHA-256 challenge ("Function not
                // implemented"), even after an MD5 one: MD5 only, as docs/sip.md says for it
                Map.entry("SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "MD5")));
        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            WebTestClient http = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port")).build();
            Map<?, ?> login = http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "boss", "password", "boss-password-123"))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            for (String user : List.of("anna", "ben")) {
                http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth((String) login.get("access_token")))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", user, "password", user + "-softphone-1"))
                        .exchange().expectStatus().isCreated();
            }
            List<Map<?, ?>> sip = sipServices(http);
            assertThat(sip.stream().map(service -> String.valueOf(service.get("transport"))).toList()).containsExactlyInAnyOrder("tcp", "tls", "udp", "ws", "wss");
            Map<?, ?> tls = sip.stream().filter(service -> "tls".equals(service.get("transport"))).findFirst().orElseThrow();
            int tlsPort = ((Number) tls.get("port")).intValue();
            assertThat(tls.get("uri")).isEqualTo("sip:127.0.0.1:" + tlsPort + ";transport=tls");
            assertThat(sip).filteredOn(service -> "wss".equals(service.get("transport")))
                    .extracting(service -> service.get("uri")).singleElement().asString().startsWith("wss://127.0.0.1:");

            Path ca = dataDir.resolve("tls").resolve(DOMAIN + ".crt.pem");
            String proxy = ";outbound=\"sip:127.0.0.1:" + tlsPort + ";transport=tls\";regint=600";
            try (Baresip ben = new Baresip(dataDir.resolve("ben"), "<sip:ben@" + DOMAIN + ";transport=tls>;auth_pass=ben-softphone-1"
                    + proxy + ";answermode=auto", ca);
                 Baresip anna = new Baresip(dataDir.resolve("anna"), "<sip:anna@" + DOMAIN + ";transport=tls>;auth_pass=anna-softphone-1"
                         + proxy, ca)) {
                // the log, not the REGISTER_OK event: baresip may register before the control connection is up
                assertThat(ben.logShows("ben@" + DOMAIN + ": {0/TLS/v4} 200 OK", Duration.ofSeconds(30))).as(ben.log()).isTrue();
                assertThat(anna.logShows("anna@" + DOMAIN + ": {0/TLS/v4} 200 OK", Duration.ofSeconds(30))).as(anna.log()).isTrue();

                test.use(anna, ben);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> sipServices(WebTestClient http) {
        Map<?, ?> info = http.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<?, ?>>) info.get("services")).stream().filter(service -> "sip".equals(service.get("name"))).toList();
    }
}
