package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.Environment;

/**
 * Issue 10's first point, as an operator meets it: the all-in-one server is killed with SIGKILL (its JVM
 * only; the embedded PostgreSQL is a separate process) and started again on the same data directory. It
 * must come up without help and with its data.
 */
class KillAndRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledWithSigkillStartsAgainWithItsData() throws Exception {
        int apiPort = freePort();
        Map<String, String> variables = variables(apiPort);
        Process first = startServerProcess(variables);
        try {
            awaitReady(apiPort, first);
            String token = login(apiPort, "boss", "boss-password-123");
            HttpResponse<String> created = post(apiPort, "/api/v1/admin/users",
                    "{\"username\":\"carol\",\"password\":\"carol-password-1\"}", token);
            assertThat(created.statusCode()).isEqualTo(201);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        variables.put("SWITCHBOARD_API_PORT", "0");
        try (ConfigurableApplicationContext restarted = Launcher.launch(new Environment(variables))) {
            AccountStore accounts = restarted.getBean(AccountStore.class);
            assertThat(accounts.find("carol").blockOptional()).isPresent();
            assertThat(accounts.verifyPassword("carol", "carol-password-1").block()).isTrue();
        }
    }

    private Map<String, String> variables(int apiPort) {
        return new HashMap<>(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_DOMAIN", "crash.test"),
                Map.entry("SWITCHBOARD_ADMIN_USER", "boss"),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", "boss-password-123"),
                Map.entry("SWITCHBOARD_PASSWORD_ITERATIONS", "4096"),
                Map.entry("SWITCHBOARD_API_PORT", Integer.toString(apiPort)),
                Map.entry("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_C2S_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_COMPONENT_PORT", "0"),
                Map.entry("SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_TURN_PORT", "0"),
                Map.entry("SWITCHBOARD_TURN_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_TURN_RELAY_PORTS", "42000-42100")));
    }

    /** The server's own main class in a child JVM on this test's class path, with only these variables. */
    private static Process startServerProcess(Map<String, String> variables) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SwitchboardApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(variables);
        return builder.start();
    }

    /** Polls the readiness probe; a bounded wait for the start, not a measure of its speed. */
    private static void awaitReady(int apiPort, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("the server process is running").isTrue();
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apiPort + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become ready within 3 minutes");
    }

    private static String login(int apiPort, String name, String password) throws Exception {
        HttpResponse<String> response = post(apiPort, "/api/v1/account/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> post(int apiPort, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
