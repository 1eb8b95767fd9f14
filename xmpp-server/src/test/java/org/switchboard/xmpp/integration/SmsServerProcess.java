package org.switchboard.xmpp.integration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;

/**
 * The XMPP server with its SMS gateway in a JVM of its own, on the test's PostgreSQL and a data directory that
 * outlives it, so a test can kill it with SIGKILL mid-flight and start it again.
 */
final class SmsServerProcess implements AutoCloseable {

    private static final String PASSWORD = "SWITCHBOARD_DB_PASSWORD";

    final int port;
    final X509TrustManager trustManager;
    private final Process process;

    private SmsServerProcess(Process process, int port, X509TrustManager trustManager) {
        this.process = process;
        this.port = port;
        this.trustManager = trustManager;
    }

    /** Starts the server on {@code dataDir} and waits until it listens (a bounded wait for the start, not a measure). */
    static SmsServerProcess start(DatabaseSettings database, Path dataDir) throws Exception {
        Path output = Files.createTempFile("sms-server", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SmsServerProcess.class.getName(), database.jdbcUrl(), database.user(), dataDir.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // the password through the environment, not the command line others can read
        builder.environment().put(PASSWORD, database.password() == null ? "" : database.password());
        Process process = builder.start();
        for (int i = 0; i < 1200; i++) {
            Optional<String> ready = Files.readAllLines(output).stream().filter(line -> line.startsWith("READY ")).findFirst();
            if (ready.isPresent()) {
                return new SmsServerProcess(process, Integer.parseInt(ready.get().substring(6).strip()), trust(dataDir));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server process ended: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the server process did not start within 2 minutes: " + Files.readString(output));
    }

    /** Trusts exactly the certificate the server made in its data directory. */
    private static X509TrustManager trust(Path dataDir) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(dataDir.resolve("tls").resolve(RunningServer.DOMAIN + ".crt.pem"))) {
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** SIGKILL, as the kernel's OOM killer would do it: no shutdown hook, no closing of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The child: {@code jdbcUrl user dataDir}, the password in {@link #PASSWORD}. */
    public static void main(String[] args) throws Exception {
        String password = System.getenv(PASSWORD);
        DatabaseSettings database = new DatabaseSettings(args[0], args[1], password == null || password.isEmpty() ? null : password);
        DatabaseClient db = DatabaseClient.create(ConnectionPools.create(database, 5));
        CoreSettings core = CoreSettings.defaults(RunningServer.DOMAIN, Path.of(args[2]));
        PostgresAccountStore accounts = new PostgresAccountStore(db, RunningServer.DOMAIN, core.passwordIterations());
        XmppServer server = new XmppServer(SmsTestKit.fast(XmppSettings.forTests(core, Map.of())), accounts,
                new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC()), db, new SimpleMeterRegistry());
        server.start();
        System.out.println("READY " + server.c2sPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
