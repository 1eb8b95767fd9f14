package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.config.Environment;
import org.switchboard.common.testing.OutsidePeers;

/**
 * The {@code sip} role of the all-in-one server: an account made over the REST API registers from sipp
 * (Debian {@code sip-tester}) with its password, server/info lists the SIP listeners, and the gateway's meters and
 * call records are served by the API.
 */
class SipRoleTest {

    private static final Path SIPP = Path.of("/usr/bin/sipp");

    @TempDir
    Path dataDir;

    @Test
    void anAccountMadeOverRestRegistersFromSipp() throws Exception {
        OutsidePeers.require(Files.isExecutable(SIPP), "sipp (apt-get install sip-tester)");
        Environment env = new Environment(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_DOMAIN", "sip.test"),
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
                // sipp answers only the first challenge and knows only MD5
                Map.entry("SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "MD5")));
        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            WebTestClient http = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port")).build();
            Map<?, ?> login = http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "boss", "password", "boss-password-123"))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth((String) login.get("access_token")))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", "linphone", "password", "softphone-pass-1"))
                    .exchange().expectStatus().isCreated();
            Map<?, ?> info = http.get().uri("/api/v1/server/info").exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            int udpPort = ((List<?>) info.get("services")).stream().map(Map.class::cast)
                    .filter(service -> "sip".equals(service.get("name")) && "udp".equals(service.get("transport")))
                    .mapToInt(service -> ((Number) service.get("port")).intValue()).findFirst().orElseThrow();

            Path work = Files.createTempDirectory(dataDir, "sipp");
            Process sipp = new ProcessBuilder(SIPP.toString(), "-sf", Path.of(getClass().getResource("/sipp/register.xml").toURI()).toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-t", "u1", "-m", "1", "-timeout", "30s", "-timeout_error",
                    "-nostdin", "-trace_err", "-key", "domain", "sip.test", "-s", "linphone", "-au", "linphone", "-ap", "softphone-pass-1",
                    "127.0.0.1:" + udpPort)
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile()).start();
            assertThat(sipp.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sipp.exitValue()).as(Files.readString(work.resolve("out.txt"))).isZero();

            // the gateway's meters are in the process's registry (ADR 0043), and its call records readable over REST
            String admin = (String) login.get("access_token");
            String metrics = http.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics).contains("switchboard_sip_registrations_total{outcome=\"success\"} 1.0")
                    .contains("switchboard_sip_bans_total 0.0");
            http.get().uri("/api/v1/admin/calls").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.calls").isArray();
        }
    }

    private static int freeUdpPort() throws java.io.IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
