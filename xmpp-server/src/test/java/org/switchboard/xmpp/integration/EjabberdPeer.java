package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.switchboard.common.testing.OutsidePeers;

/**
 * A real ejabberd (Debian's package) as the far end of federation tests: started by {@code ejabberdctl} as the
 * ejabberd user with its own config, spool and log directories in a temporary directory, its own Erlang node name
 * (other ejabberd nodes on the machine, a benchmark's say, are left alone), on 127.0.0.3 and free ports. ejabberd
 * 23.01 has no static host map, so its Erlang resolver is pointed at a {@link TestDns} that names this server in an SRV
 * record, as real DNS would.
 */
final class EjabberdPeer implements AutoCloseable {

    static final String DOMAIN = "ejabberd.test";
    static final String ADDRESS = "127.0.0.3";
    private static final Path EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");

    /** How ejabberd is set up for one test; {@code dialback} loads mod_s2s_dialback. */
    record Setup(Path certificatePem, Path keyPem, Path trustedCaPem, boolean dialback, String peerDomain, int peerPort) {
    }

    final Path dir;
    final int c2sPort;
    final int s2sPort;
    private final TestDns dns;
    private boolean started;

    static void requireInstalled() {
        OutsidePeers.require(Files.isExecutable(EJABBERDCTL) && "root".equals(System.getProperty("user.name")),
                "ejabberd (apt-get install ejabberd), and root to start it as the ejabberd user");
    }

    /** @param s2sPort chosen with {@link #freePort()} before, as the other server must know it first */
    EjabberdPeer(int s2sPort, Setup setup) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("ejabberd-test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("logs"));
        c2sPort = freePort();
        this.s2sPort = s2sPort;
        // ejabberd wants the certificate and its key in one file, readable by its own user
        Files.writeString(dir.resolve("certificate.pem"), Files.readString(setup.certificatePem()) + Files.readString(setup.keyPem()));
        Files.copy(setup.trustedCaPem(), dir.resolve("ca.pem"));
        dns = new TestDns(setup.peerDomain(), setup.peerPort());
        Files.writeString(dir.resolve("ejabberd.yml"), """
                hosts:
                  - %1$s
                loglevel: debug
                certfiles:
                  - "%2$s/certificate.pem"
                ca_file: "%2$s/ca.pem"
                s2s_cafile: "%2$s/ca.pem"
                s2s_use_starttls: required
                s2s_access: all
                s2s_dns_timeout: 5
                s2s_dns_retries: 1
                outgoing_s2s_families: [ipv4]
                outgoing_s2s_timeout: 30
                listen:
                  -
                    port: %4$d
                    ip: "%3$s"
                    module: ejabberd_c2s
                    starttls_required: true
                  -
                    port: %5$d
                    ip: "%3$s"
                    module: ejabberd_s2s_in
                auth_method: internal
                access_rules:
                  c2s:
                    allow: all
                acl: {}
                modules:
                  mod_disco: {}
                  mod_ping: {}
                  mod_roster: {}
                  mod_caps: {}
                %6$s
                """.formatted(DOMAIN, dir, ADDRESS, c2sPort, s2sPort, setup.dialback() ? "  mod_s2s_dialback: {}" : ""));
        // Its resolver (ejabberdctl points ERL_INETRC here): localhost for Erlang distribution, only the test DNS for SRV
        Files.writeString(dir.resolve("inetrc"), """
                {host, {127,0,0,1}, ["localhost"]}.
                {lookup, [file, dns]}.
                {resolv_conf, ""}.
                {hosts_file, ""}.
                {nameserver, {127,0,0,1}, %d}.
                """.formatted(dns.port()));
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        Files.writeString(dir.resolve("ejabberdctl.cfg"), """
                ERLANG_NODE=s2stest%s@localhost
                ERL_EPMD_ADDRESS=127.0.0.1
                INET_DIST_INTERFACE=127.0.0.1
                EJABBERD_PID_PATH=%s/ejabberd.pid
                EJABBERD_BYPASS_WARNINGS=true
                ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
                """.formatted(HexFormat.of().formatHex(random), dir));
        run(Duration.ofSeconds(30), "chown", "-R", "ejabberd:ejabberd", dir.toString());
    }

    void start() throws IOException, InterruptedException {
        ejabberdctl(Duration.ofSeconds(60), "start");
        started = true;
        ejabberdctl(Duration.ofSeconds(120), "started");
        Eventually.until("ejabberd listening on " + ADDRESS + ":" + c2sPort, Duration.ofSeconds(60), () -> {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(ADDRESS, c2sPort), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Needs the node {@link #start() started}. */
    void register(String user, String password) throws IOException, InterruptedException {
        ejabberdctl(Duration.ofSeconds(60), "register", user, DOMAIN, password);
    }

    XMPPTCPConnection login(String user, String password, X509TrustManager trust) throws Exception {
        return login(user, password, trust, "ejabberd");
    }

    /** Logged in as {@code resource}, for tests of one user's several clients. */
    XMPPTCPConnection login(String user, String password, X509TrustManager trust, String resource) throws Exception {
        XMPPTCPConnection connection = client(user, password, trust, resource);
        connection.connect().login();
        return connection;
    }

    /** Loads more of ejabberd's modules, given as lines of its YAML {@code modules:} map: call before {@link #start}. */
    void enableModules(String... yamlLines) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String line : yamlLines) {
            lines.append("  ").append(line).append('\n');
        }
        Path config = dir.resolve("ejabberd.yml");
        Files.writeString(config, Files.readString(config).replace("  mod_caps: {}\n", "  mod_caps: {}\n" + lines));
    }

    /**
     * Sends ejabberd's outgoing s2s for {@code domain} (another domain of the other server, such as its conference
     * service) to the same port as for the peer domain: its test DNS answers that name too.
     */
    void routeAlso(String domain) {
        dns.add(domain);
    }

    /** A client for ejabberd, not yet connected: for a test that sets it up before it logs in. */
    XMPPTCPConnection client(String user, String password, X509TrustManager trust, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getByName(ADDRESS))
                .setPort(c2sPort)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust)
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setCompressionEnabled(false)
                .build());
        connection.setReplyTimeout(30_000);
        return connection;
    }

    /** Whether ejabberd's log has a line containing {@code text}. */
    boolean logged(String text) throws IOException {
        return log().contains(text);
    }

    /** ejabberd's log, for assertions and failure messages. */
    String log() {
        try {
            return Files.readString(dir.resolve("logs/ejabberd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no ejabberd.log)";
        }
    }

    /** The end of ejabberd's log. */
    String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    private void ejabberdctl(Duration limit, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("su", "-s", "/bin/sh", "-c",
                "cd \"$0\" && exec /usr/sbin/ejabberdctl \"$@\"", "ejabberd", "--", dir.resolve("spool").toString(),
                "--config-dir", dir.toString(), "--spool", dir.resolve("spool").toString(), "--logs", dir.resolve("logs").toString()));
        line.addAll(List.of(command));
        run(limit, line.toArray(String[]::new));
    }

    private void run(Duration limit, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ejabberdctl", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish: " + Files.readString(output));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(output) + "\n" + logTail());
        }
        Files.deleteIfExists(output);
    }

    @Override
    public void close() throws Exception {
        try {
            if (started) {
                try {
                    ejabberdctl(Duration.ofSeconds(60), "stop");
                    ejabberdctl(Duration.ofSeconds(60), "stopped");
                } finally {
                    killIfAlive(); // a node that would not stop is not left behind on the machine
                }
            }
        } finally {
            dns.close();
            TempDirectories.delete(dir);
        }
    }

    private void killIfAlive() throws Exception {
        Path pidFile = dir.resolve("ejabberd.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        java.util.Optional<ProcessHandle> node = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        if (node.isPresent() && node.get().info().commandLine().orElse("").contains(dir.toString())) {
            node.get().destroy();
            node.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
