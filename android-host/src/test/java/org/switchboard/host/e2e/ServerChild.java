package org.switchboard.host.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.testing.TestDatabase;

/**
 * The server of {@link ServerProcessMain} in its own JVM, on this JVM's test database, so that a test can
 * kill it with SIGKILL ({@code destroyForcibly}) mid-flight and start it again on the same port and directory.
 */
final class ServerChild implements AutoCloseable {

    final int c2sPort;
    final String fingerprint;
    private final Process process;

    private ServerChild(Process process, int c2sPort, String fingerprint) {
        this.process = process;
        this.c2sPort = c2sPort;
        this.fingerprint = fingerprint;
    }

    /** Starts the server on {@code dataDir} and {@code c2sPort} and waits (a bounded wait) until it listens. */
    static ServerChild start(Path dataDir, int c2sPort) throws Exception {
        DatabaseSettings database = TestDatabase.settings();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, ServerProcessMain.class.getName(),
                dataDir.toString(), Integer.toString(c2sPort)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SWITCHBOARD_TEST_DB_URL", database.jdbcUrl());
        builder.environment().put("SWITCHBOARD_TEST_DB_USER", database.user());
        if (database.password() != null) {
            builder.environment().put("SWITCHBOARD_TEST_DB_PASSWORD", database.password());
        }
        Process process = builder.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ready ")) {
                        ready.complete(line);
                    } else {
                        System.out.println("[server child] " + line);
                    }
                }
            } catch (IOException e) {
                // killed: nothing more to read
            }
            ready.completeExceptionally(new AssertionError("the server child ended before it was ready"));
        }, "server-child-stdout");
        reader.setDaemon(true);
        reader.start();
        String[] line = ready.get(3, TimeUnit.MINUTES).split(" ");
        return new ServerChild(process, Integer.parseInt(line[1]), line[2]);
    }

    /** SIGKILL, as the kernel's OOM killer would do it: no shutdown hook, no goodbye to any client. */
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
