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

/**
 * The all-in-one server as an operator runs it: its own JVM (this test's class path, the server's main class),
 * configured only through the environment, so a test can kill it with SIGKILL. Talks to it over HTTP.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN = "boss";
    static final String ADMIN_PASSWORD = "boss-password-123";

    final Map<String, String> variables;
    final int apiPort;
    final int c2sPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Map<String, String> variables, int apiPort, int c2sPort, Process process) {
        this.variables = variables;
        this.apiPort = apiPort;
        this.c2sPort = c2sPort;
        this.process = process;
    }

    /** Starts a server on {@code dataDir} for {@code domain} on free loopback ports and waits until it is ready. */
    static ServerProcess start(Path dataDir, String domain) throws Exception {
        int apiPort = freePort();
        int c2sPort = freePort();
        Map<String, String> variables = new HashMap<>(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_DOMAIN", domain),
                Map.entry("SWITCHBOARD_ADMIN_USER", ADMIN),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("SWITCHBOARD_PASSWORD_ITERATIONS", "4096"),
                Map.entry("SWITCHBOARD_API_PORT", Integer.toString(apiPort)),
                Map.entry("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_C2S_PORT", Integer.toString(c2sPort)),
                Map.entry("SWITCHBOARD_XMPP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_COMPONENT_PORT", "0"),
                Map.entry("SWITCHBOARD_HTTPS_PORT", "0"),
                Map.entry("SWITCHBOARD_PROXY65_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_PROXY65_PORT", "0"),
                // a burst from one test client, not a person typing
                Map.entry("SWITCHBOARD_XMPP_CLIENT_RATE_BYTES", "0"),
                Map.entry("SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_TURN_PORT", "0"),
                Map.entry("SWITCHBOARD_TURN_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_TURN_RELAY_PORTS", "42000-42100"),
                Map.entry("SWITCHBOARD_SIP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_SIP_UDP_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_TCP_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_WS_PORT", "0"),
                Map.entry("SWITCHBOARD_SIP_WSS_PORT", "0")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SwitchboardApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(variables);
        ServerProcess server = new ServerProcess(variables, apiPort, c2sPort, builder.start());
        server.awaitReady();
        return server;
    }

    /** Polls the readiness probe; a bounded wait for the start, not a measure of its speed. */
    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the server process is running").isTrue();
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

    String login(String name, String password) throws Exception {
        HttpResponse<String> response = post("/api/v1/account/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    /** Creates a user through the admin API. */
    void createUser(String name, String password) throws Exception {
        HttpResponse<String> created = post("/api/v1/admin/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}", login(ADMIN, ADMIN_PASSWORD));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as an operator's service manager stops it, and waits (bounded) until the process has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server exited within 60 s of SIGTERM").isTrue();
    }

    /** SIGKILL of the server's JVM only, as the kernel's OOM killer would do it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
