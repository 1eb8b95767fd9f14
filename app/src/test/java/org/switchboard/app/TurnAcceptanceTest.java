package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.Environment;
import org.switchboard.common.testing.OutsidePeers;

/**
 * Issue 4's acceptance on the all-in-one server: coturn's own client, with credentials handed out by
 * {@code GET /api/v1/turn/credentials}, allocates and relays to a loopback peer when the test flag allows it,
 * and is refused that peer without it. Loopback only.
 */
class TurnAcceptanceTest {

    private static final Path UCLIENT = Path.of("/usr/bin/turnutils_uclient");
    private static final Path PEER = Path.of("/usr/bin/turnutils_peer");

    @TempDir
    Path dataDir;

    private Process peer;
    private int peerPort;

    @BeforeAll
    static void coturnToolsAreInstalled() {
        OutsidePeers.require(Files.isExecutable(UCLIENT) && Files.isExecutable(PEER), "coturn's client tools (apt-get install coturn)");
    }

    @BeforeEach
    void startPeer() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peerPort = socket.getLocalPort();
        }
        peer = new ProcessBuilder(PEER.toString(), "-L", "127.0.0.1", "-p", Integer.toString(peerPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stopPeer() {
        peer.destroyForcibly();
    }

    @Test
    void apiCredentialsAllocateAndRelayToALoopbackPeerOnlyWithTheTestFlag() throws Exception {
        try (ConfigurableApplicationContext server = Launcher.launch(env(true))) {
            String output = uclient(server, credentials(server));
            assertThat(output).contains("Total lost packets 0 (0.000000%)");
            assertThat(output).containsPattern("tot_recv_msgs=200\\b");
        }
        try (ConfigurableApplicationContext server = Launcher.launch(env(false))) {
            MeterRegistry meters = server.getBean(MeterRegistry.class);
            String output = uclient(server, credentials(server));
            assertThat(output).doesNotContainPattern("tot_recv_msgs=[1-9]");
            assertThat(meters.get("switchboard.turn.peers.refused").counter().count()).isPositive();
            assertThat(meters.get("switchboard.turn.allocations").counter().count()).isPositive();
        }
    }

    private Environment env(boolean allowLoopbackPeers) {
        Map<String, String> variables = new HashMap<>();
        variables.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
        variables.put("SWITCHBOARD_API_PORT", "0");
        variables.put("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1");
        variables.put("SWITCHBOARD_PASSWORD_ITERATIONS", "4096");
        variables.put("SWITCHBOARD_ROLES", "turn");
        variables.put("SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1");
        variables.put("SWITCHBOARD_TURN_PORT", "0");
        variables.put("SWITCHBOARD_TURN_TLS_PORT", "0");
        variables.put("SWITCHBOARD_TURN_RELAY_PORTS", "42000-42200");
        variables.put("SWITCHBOARD_TURN_SECRET", "a-turn-secret-for-the-test");
        variables.put("SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS", Boolean.toString(allowLoopbackPeers));
        return new Environment(variables);
    }

    /** Logs in over the REST API as a fresh user and asks for TURN credentials. */
    private static Map<?, ?> credentials(ConfigurableApplicationContext server) {
        server.getBean(AccountStore.class).create("caller", "caller-password-1", AccountKind.PERSON, Set.of())
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
        int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        Map<?, ?> tokens = http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "caller", "password", "caller-password-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return http.get().uri("/api/v1/turn/credentials").headers(h -> h.setBearerAuth((String) tokens.get("access_token")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private String uclient(ConfigurableApplicationContext server, Map<?, ?> credentials) throws Exception {
        int turnPort = server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("turn") && e.transport().equals("udp")).findFirst().orElseThrow().port();
        Path log = Files.createTempFile(dataDir, "uclient", ".log");
        Process process = new ProcessBuilder(List.of(UCLIENT.toString(), "-p", Integer.toString(turnPort),
                "-e", "127.0.0.1", "-r", Integer.toString(peerPort),
                "-u", (String) credentials.get("username"), "-w", (String) credentials.get("password"),
                "-n", "100", "-m", "2", "-l", "120", "-z", "2", "127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return Files.readString(log);
    }
}
