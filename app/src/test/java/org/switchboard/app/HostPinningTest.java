package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.host.HostSettings;
import org.switchboard.host.connection.Backoff;
import org.switchboard.host.connection.HostConnection;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.pairing.PairingClient;

/**
 * Pairing hands the phone the SHA-256 of the XMPP server's certificate (in the QR link and the answer), and
 * the host core pins it: over real HTTP to the all-in-one server's API and a real TLS XMPP connection, the
 * right pin connects, a wrong one is refused before the password is sent, and says why.
 */
@SuppressWarnings("unchecked")
class HostPinningTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static WebTestClient http;
    static String owner;

    @BeforeAll
    static void start() {
        server = LoopbackServer.launch(dataDir, "pin.test");
        http = LoopbackServer.http(server);
        server.getBean(AccountStore.class).create("alice", "alice-password-1", AccountKind.PERSON, Set.of()).block();
        owner = (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theQrLinkAndTheAnswerCarryTheCertificateThatTheServerPresents() throws Exception {
        String qr = newHostLink("Pinned phone");
        String expected = TlsCertificate.sha256Hex(CertificateProvider.leafOf(dataDir.resolve("tls/pin.test.crt.pem")));
        assertThat(qr).endsWith("&fp=" + expected);

        PairingClient.PairingLink link = PairingClient.PairingLink.parse(qr);
        HostCredentials paired = PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link);
        assertThat(paired.tlsSha256()).isEqualTo(expected);
        assertThat(paired.trust().isPinned()).isTrue();

        // the all-in-one server's XMPP port, on loopback (the domain pin.test is in no DNS)
        HostCredentials onLoopback = onLoopback(paired, paired.tlsSha256());
        CompletableFuture<Boolean> online = new CompletableFuture<>();
        try (HostConnection connection = new HostConnection(settings(onLoopback), Backoff.standard(), listener(online))) {
            connection.start();
            assertThat(online.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(connection.connection().isSecureConnection()).isTrue();
        }
    }

    @Test
    void aWrongPinIsRefusedWithAClearError() throws Exception {
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(newHostLink("Phone with a wrong pin"));
        HostCredentials paired = PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link);
        // what a phone that paired with another server (or was handed a forged pin) holds
        String wrong = CertificateProvider.selfSigned(Files.createTempDirectory("other-server"), "pin.test").sha256Hex();
        HostCredentials mispinned = onLoopback(paired, wrong);

        List<String> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(HostConnection.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(capture);
        CompletableFuture<Boolean> online = new CompletableFuture<>();
        try (HostConnection connection = new HostConnection(settings(mispinned), Backoff.standard(), listener(online))) {
            connection.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (logged.stream().noneMatch(line -> line.contains("failed")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("connecting to 127.0.0.1 failed"));
            assertThat(online).isNotDone();
            assertThat(connection.connection().isAuthenticated()).isFalse();
        } finally {
            log.removeHandler(capture);
            log.setLevel(before);
        }

        // the same trust in a bare connection: the handshake fails and the cause says which certificate and why
        XMPPTCPConnection bare = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("pin.test").setHostAddress(InetAddress.getLoopbackAddress()).setPort(mispinned.xmppPort())
                .setUsernameAndPassword(mispinned.localpart(), mispinned.password())
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(mispinned.trust().trustManager())
                .setHostnameVerifier((host, session) -> true).setCompressionEnabled(false).build());
        assertThatThrownBy(() -> bare.connect().login()).satisfies(e -> assertThat(causes(e))
                .anySatisfy(message -> assertThat(message).contains("not the one pinned at pairing", "pin is " + wrong, "pair this phone again")));
        assertThat(bare.isAuthenticated()).isFalse();
    }

    private static String newHostLink(String name) {
        return (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("qr");
    }

    private static HostCredentials onLoopback(HostCredentials paired, String pin) {
        return new HostCredentials(paired.hostId(), paired.jid(), paired.password(), "127.0.0.1", paired.xmppPort(), paired.gateway(), pin);
    }

    private static HostSettings settings(HostCredentials credentials) throws Exception {
        return HostSettings.defaults(credentials, credentials.trust(), Files.createTempDirectory("host"), "pinning-test");
    }

    private static HostConnection.Listener listener(CompletableFuture<Boolean> online) {
        return new HostConnection.Listener() {
            @Override
            public void configure(XMPPTCPConnection connection) {
            }

            @Override
            public void online(XMPPTCPConnection connection, boolean resumed) {
                online.complete(true);
            }

            @Override
            public void offline() {
            }
        };
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
