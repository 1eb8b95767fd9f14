package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.switchboard.common.testing.OutsidePeers;

/**
 * A real Prosody (Debian's package) as the far end of federation tests: a child process with its own config, data
 * and log in a temporary directory, on 127.0.0.2 and free ports. A small plugin written next to the config sends its
 * outgoing s2s connections for the test domain to the address given, as DNS would in real life.
 */
final class ProsodyPeer implements AutoCloseable {

    static final String DOMAIN = "prosody.test";
    static final String ADDRESS = "127.0.0.2";
    private static final Path PROSODY = Path.of("/usr/bin/prosody");
    private static final Path PROSODYCTL = Path.of("/usr/bin/prosodyctl");

    /** How Prosody is set up for one test. */
    record Setup(Path certificatePem, Path keyPem, Path trustedCaPem, boolean secureAuth, String peerDomain, int peerPort) {
    }

    final Path dir;
    final int c2sPort;
    final int s2sPort;
    private final Path config;
    private final Setup setup;
    private Process process;

    static void requireInstalled() {
        OutsidePeers.require(Files.isExecutable(PROSODY) && Files.isExecutable(PROSODYCTL), "prosody (apt-get install prosody)");
    }

    /** @param s2sPort chosen with {@link #freePort()} before, as the other server must know it first */
    ProsodyPeer(int s2sPort, Setup setup) throws IOException {
        dir = Files.createTempDirectory("prosody-test");
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("plugins"));
        c2sPort = freePort();
        this.s2sPort = s2sPort;
        this.setup = setup;
        Files.writeString(dir.resolve("plugins/mod_test_s2s_target.lua"), """
                -- Test only: outgoing s2s to a configured domain goes to a fixed address instead of DNS.
                local basic = require "net.resolvers.basic";
                local service = require "net.resolvers.service";
                local targets = module:get_option("test_s2s_targets", {});
                local original = service.new;
                service.new = function(hostname, srv, proto, extra, ...)
                    local target = targets[hostname];
                    if target then
                        if srv == "xmpp-server" then
                            return basic.new(target[1], target[2], proto, extra);
                        end
                        return { next = function(_, cb) cb(nil); end };
                    end
                    return original(hostname, srv, proto, extra, ...);
                end
                """);
        config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, """
                run_as_root = true
                daemonize = false
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s/data"
                plugin_paths = { "%1$s/plugins" }
                log = { debug = "%1$s/prosody.log" }
                modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "disco"; "ping"; "smacks"; "test_s2s_target" }
                modules_disabled = { "s2s_bidi"; "posix" }
                interfaces = { "%2$s" }
                c2s_ports = { %3$d }
                s2s_ports = { %4$d }
                c2s_direct_tls_ports = { }
                s2s_direct_tls_ports = { }
                c2s_require_encryption = true
                s2s_require_encryption = true
                s2s_secure_auth = %5$s
                authentication = "internal_hashed"
                storage = "internal"
                certificates = "%1$s/nocerts"
                ssl = { certificate = "%6$s"; key = "%7$s"; cafile = "%8$s" }
                test_s2s_targets = { ["%9$s"] = { "127.0.0.1", %10$d } }
                VirtualHost "%11$s"
                """.formatted(dir, ADDRESS, c2sPort, s2sPort, setup.secureAuth(), setup.certificatePem(), setup.keyPem(),
                setup.trustedCaPem(), setup.peerDomain(), setup.peerPort(), DOMAIN));
    }

    /** Loads Prosody's mod_s2s_bidi (XEP-0288), which the other tests keep off: call before {@link #start}. */
    void enableBidi() throws IOException {
        Files.writeString(config, Files.readString(config)
                .replace("\"test_s2s_target\" }", "\"test_s2s_target\"; \"s2s_bidi\" }")
                .replace("modules_disabled = { \"s2s_bidi\"; \"posix\" }", "modules_disabled = { \"posix\" }"));
    }

    /** Loads more of Prosody's modules (e.g. {@code pep}, {@code carbons}, {@code mam}): call before {@link #start}. */
    void enableModules(String... modules) throws IOException {
        StringBuilder names = new StringBuilder();
        for (String module : modules) {
            names.append("; \"").append(module).append('"');
        }
        Files.writeString(config, Files.readString(config).replace("\"test_s2s_target\"", "\"test_s2s_target\"" + names));
    }

    /**
     * Sends Prosody's outgoing s2s for {@code domain} (another domain of the other server, such as its conference
     * service) to the same address as for the peer domain: call before {@link #start}.
     */
    void routeAlso(String domain) throws IOException {
        Files.writeString(config, Files.readString(config).replace("test_s2s_targets = { ",
                "test_s2s_targets = { [\"%s\"] = { \"127.0.0.1\", %d }; ".formatted(domain, setup.peerPort())));
    }

    void register(String user, String password) throws IOException, InterruptedException {
        Process register = new ProcessBuilder(PROSODYCTL.toString(), "--config", config.toString(), "register", user, DOMAIN, password)
                .redirectErrorStream(true).redirectOutput(dir.resolve("register.log").toFile()).start();
        if (!register.waitFor(60, TimeUnit.SECONDS) || register.exitValue() != 0) {
            throw new IllegalStateException("prosodyctl register failed: " + Files.readString(dir.resolve("register.log")));
        }
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(PROSODY.toString(), "--config", config.toString(), "-F")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        Eventually.until("prosody listening on " + ADDRESS + ":" + c2sPort, Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prosody exited: " + log("console.log"));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(ADDRESS, c2sPort), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    XMPPTCPConnection login(String user, String password, X509TrustManager trust) throws Exception {
        return login(user, password, trust, "prosody");
    }

    /** Logged in as {@code resource}, for tests of one user's several clients. */
    XMPPTCPConnection login(String user, String password, X509TrustManager trust, String resource) throws Exception {
        XMPPTCPConnection connection = client(user, password, trust, resource);
        connection.connect().login();
        return connection;
    }

    /** A client for Prosody, not yet connected: for a test that sets it up before it logs in. */
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

    /** Whether Prosody's debug log has a line containing {@code text}. */
    boolean logged(String text) throws IOException {
        return Files.readString(dir.resolve("prosody.log"), StandardCharsets.UTF_8).contains(text);
    }

    /** The end of Prosody's log, for failure messages. */
    String log(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        TempDirectories.delete(dir);
    }
}
