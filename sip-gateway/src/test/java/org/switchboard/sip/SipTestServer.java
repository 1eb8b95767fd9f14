package org.switchboard.sip;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.trunk.TrunkSettings;
import org.switchboard.sip.websocket.WebSocketSettings;

/**
 * A real SIP gateway on loopback against the shared test PostgreSQL, with the real account store and
 * lockout; three failures from one address lock that address out of the account.
 */
final class SipTestServer implements AutoCloseable {

    static final String DOMAIN = "sip.test";
    static final String HOST = "127.0.0.1";
    static final LockoutPolicy POLICY = new LockoutPolicy(3, 50, 100, Duration.ofMinutes(10), Duration.ofMinutes(10));

    final PostgresAccountStore accounts = new PostgresAccountStore(TestDatabase.client(), DOMAIN, ScramCredential.MIN_ITERATIONS);
    final PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(TestDatabase.client(), POLICY, Clock.systemUTC());
    final SipSettings settings;
    private final TlsCertificate certificate;
    private final SipPush push;
    private final Clock clock;
    /** The gateway's meters (ADR 0043), read by the tests. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebSocketSettings webSocket;
    private SipGateway gateway;
    private TrunkSettings trunk = TrunkSettings.OFF;

    SipTestServer() {
        this(settings());
    }

    /** Defaults on free loopback ports. */
    static SipSettings settings() {
        return SipSettings.forTest(DOMAIN, HOST, freeUdpPort(), freeTcpPort(), freeTcpPort());
    }

    SipTestServer(SipSettings settings) {
        this(settings, SipPush.NONE);
    }

    /** With RFC 8599 push through {@code push}. */
    SipTestServer(SipSettings settings, SipPush push) {
        this(settings, push, Clock.systemUTC(), WebSocketSettings.OFF);
    }

    /** On {@code clock}, which a test may move (limits and bans without waiting). */
    SipTestServer(SipSettings settings, SipPush push, Clock clock) {
        this(settings, push, clock, WebSocketSettings.OFF);
    }

    /** With the WebSocket listeners of RFC 7118 on the given ports. */
    SipTestServer(SipSettings settings, SipPush push, WebSocketSettings webSocket) {
        this(settings, push, Clock.systemUTC(), webSocket);
    }

    private SipTestServer(SipSettings settings, SipPush push, Clock clock, WebSocketSettings webSocket, TrunkSettings trunk) {
        this.clock = clock;
        this.trunk = trunk;
        this.settings = settings;
        this.push = push;
        this.webSocket = webSocket;
        try {
            this.certificate = CertificateProvider.selfSigned(Files.createTempDirectory("sip-tls"), DOMAIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** With calls to phone numbers through {@code trunk} (ADR 0046). */
    SipTestServer(SipSettings settings, TrunkSettings trunk) {
        this(settings, SipPush.NONE, Clock.systemUTC(), WebSocketSettings.OFF, trunk);
    }

    private SipTestServer(SipSettings settings, SipPush push, Clock clock, WebSocketSettings webSocket) {
        this(settings, push, clock, webSocket, TrunkSettings.OFF);
    }

    void start() {
        gateway = new SipGateway(settings, accounts, guard, TestDatabase.client(), certificate, clock, push).webSocket(webSocket)
                .trunk(trunk);
        gateway.meters(meters);
        gateway.start();
    }

    /** Stops the listeners and starts a new gateway on the same ports, as a process restart would. */
    void restart() {
        gateway.close();
        start();
    }

    TlsCertificate certificate() {
        return certificate;
    }

    SipGateway gateway() {
        return gateway;
    }

    Account createAccount(String prefix, String password, AccountKind kind) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        return accounts.create(name, password, kind, Set.of()).block(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        gateway.close();
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(SipTestServer.class.getResource("/sipp/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
