package org.switchboard.host.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;

/**
 * A real XMPP server on loopback (the shared test PostgreSQL, a self-signed certificate in a temporary
 * directory), with the accounts a host test needs. Mirrors xmpp-server's own test harness.
 */
final class TestServer implements AutoCloseable {

    static final String DOMAIN = "switchboard.test";
    static final String GATEWAY_COMPONENT = "sms.switchboard.test";
    static final String COMPONENT_SECRET = "s3cret-for-tests";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final XmppServer server;
    final PostgresAccountStore accounts;
    final HostTrust trust;

    TestServer() throws Exception {
        Path dataDir = Files.createTempDirectory("host-xmpp-test");
        DatabaseClient db = TestDatabase.client();
        CoreSettings core = CoreSettings.defaults(DOMAIN, dataDir);
        accounts = new PostgresAccountStore(db, DOMAIN, core.passwordIterations());
        PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC());
        server = new XmppServer(XmppSettings.forTests(core, Map.of(GATEWAY_COMPONENT, COMPONENT_SECRET)), accounts, guard, db,
                new SimpleMeterRegistry());
        server.start();
        trust = HostTrust.pinned(server.certificate().leaf());
    }

    /** A new account of the given kind with a name no other test uses; returns its localpart. */
    String newAccount(AccountKind kind, String password) {
        String name = (kind == AccountKind.HOST ? "host" : "user") + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet();
        accounts.create(name, password, kind, Set.of()).block();
        return name;
    }

    /** Credentials for a host account, as pairing would hand them out, with the gateway at {@code gateway}. */
    HostCredentials hostCredentials(String localpart, String password, String gateway) {
        return new HostCredentials("test-" + localpart, localpart + "@" + DOMAIN, password, "127.0.0.1", server.c2sPort(), gateway);
    }

    /** A logged-in Smack client (a person, or the stand-in gateway). */
    XMPPTCPConnection client(String localpart, String password, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.c2sPort())
                .setUsernameAndPassword(localpart, password)
                .setResource(resource)
                .setCustomX509TrustManager(trust.trustManager())
                .setHostnameVerifier((host, session) -> true)
                .setSecurityMode(SecurityMode.required)
                .setCompressionEnabled(false)
                .setSendPresence(true)
                .build());
        connection.connect().login();
        return connection;
    }

    @Override
    public void close() {
        server.close();
    }
}
