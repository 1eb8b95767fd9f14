package org.switchboard.host.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
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
import org.switchboard.xmpp.transport.InputRate;

/**
 * A real XMPP server on loopback (the shared test PostgreSQL, a self-signed certificate in a temporary
 * directory), with the accounts a host test needs. Mirrors xmpp-server's own test harness.
 */
final class TestServer implements AutoCloseable {

    static final String DOMAIN = "switchboard.test";
    /** The built-in SMS gateway (branch smsgw, an in-process component). */
    static final String GATEWAY = "sms.switchboard.test";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final XmppServer server;
    final PostgresAccountStore accounts;
    final DatabaseClient db;
    final HostTrust trust;

    TestServer() throws Exception {
        this(TestDatabase.client(), Files.createTempDirectory("host-xmpp-test"), 0);
    }

    /**
     * A server on {@code db} (in a child JVM: the parent's test database) that keeps its self-signed certificate
     * in {@code dataDir} and listens on {@code c2sPort} (0: any free port), so a server started again on the same
     * directory and port is the same server to its clients.
     */
    TestServer(DatabaseClient db, Path dataDir, int c2sPort) {
        this.db = db;
        CoreSettings core = CoreSettings.defaults(DOMAIN, dataDir);
        accounts = new PostgresAccountStore(db, DOMAIN, core.passwordIterations());
        PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC());
        XmppSettings settings = XmppSettings.forTests(core, Map.of()).withC2sPort(c2sPort)
                // test clients send bursts (1,000 texts at once), not a person typing
                .withClientInputRate(InputRate.UNLIMITED);
        // the gateway's sweep (queued messages of online hosts, resends) every 300 ms instead of 30 s
        settings = settings.withSms(settings.sms().withTimes(Duration.ofHours(72), Duration.ofMinutes(30), Duration.ofMillis(300),
                Duration.ofSeconds(60)));
        server = new XmppServer(settings, accounts, guard, db, new SimpleMeterRegistry());
        server.start();
        trust = HostTrust.pinned(server.certificate().leaf());
    }

    /** A new account of the given kind with a name no other test uses; returns its localpart. */
    String newAccount(AccountKind kind, String password) {
        return newAccount(accounts, kind, password);
    }

    static String newAccount(PostgresAccountStore accounts, AccountKind kind, String password) {
        String name = (kind == AccountKind.HOST ? "host" : "user") + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet();
        accounts.create(name, password, kind, Set.of()).block();
        return name;
    }

    /**
     * A host account owned by {@code owner} and its {@code sms_hosts} row, as pairing leaves them (the pairing
     * API is on another branch); returns the account's localpart.
     */
    String pairHost(String owner, String password) {
        return pairHost(accounts, db, owner, password);
    }

    static String pairHost(PostgresAccountStore accounts, DatabaseClient db, String owner, String password) {
        String user = newAccount(accounts, AccountKind.HOST, password);
        db.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, paired_at) "
                        + "SELECT :id, o.id, h.id, 'Test phone', now() FROM accounts o, accounts h "
                        + "WHERE o.localpart = :owner AND h.localpart = :host")
                .bind("id", UUID.randomUUID()).bind("owner", owner).bind("host", user)
                .then().block();
        return user;
    }

    /** The account store of the shared test database, for tests whose server runs in another JVM. */
    static PostgresAccountStore accountStore(DatabaseClient db, Path dataDir) {
        return new PostgresAccountStore(db, DOMAIN, CoreSettings.defaults(DOMAIN, dataDir).passwordIterations());
    }

    /** Credentials for a host account, as pairing would hand them out, with the gateway at {@code gateway}. */
    HostCredentials hostCredentials(String localpart, String password, String gateway) {
        return hostCredentials(server.c2sPort(), localpart, password, gateway);
    }

    static HostCredentials hostCredentials(int c2sPort, String localpart, String password, String gateway) {
        return new HostCredentials("test-" + localpart, localpart + "@" + DOMAIN, password, "127.0.0.1", c2sPort, gateway);
    }

    /** A logged-in Smack client (a person, or the stand-in gateway). */
    XMPPTCPConnection client(String localpart, String password, String resource) throws Exception {
        return client(server.c2sPort(), trust, localpart, password, resource);
    }

    /** A logged-in Smack client whose every message goes to {@code messages}, from before it logs in. */
    XMPPTCPConnection client(String localpart, String password, String resource, Collection<Message> messages) throws Exception {
        return client(server.c2sPort(), trust, localpart, password, resource, messages);
    }

    /** A logged-in Smack client of the server on this loopback port with this certificate. */
    static XMPPTCPConnection client(int c2sPort, HostTrust trust, String localpart, String password, String resource)
            throws Exception {
        return client(c2sPort, trust, localpart, password, resource, connection -> { });
    }

    /**
     * As above, with every message the client gets going to {@code messages}. The listener is in
     * place before the login: what was stored offline for the account comes right after the initial presence,
     * before a listener added once the login returned would hear it.
     */
    static XMPPTCPConnection client(int c2sPort, HostTrust trust, String localpart, String password, String resource,
                                    Collection<Message> messages) throws Exception {
        return client(c2sPort, trust, localpart, password, resource,
                connection -> connection.addSyncStanzaListener(stanza -> messages.add((Message) stanza), StanzaTypeFilter.MESSAGE));
    }

    /** A Smack client of the server that {@code beforeLogin} sets up further, then logged in. */
    static XMPPTCPConnection client(int c2sPort, HostTrust trust, String localpart, String password, String resource,
                                    Consumer<XMPPTCPConnection> beforeLogin) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(c2sPort)
                .setUsernameAndPassword(localpart, password)
                .setResource(resource)
                .setCustomX509TrustManager(trust.trustManager())
                .setHostnameVerifier((host, session) -> true)
                .setSecurityMode(SecurityMode.required)
                .setCompressionEnabled(false)
                .setSendPresence(true)
                .build());
        // a generous wait for each answer: a server JVM just started (or restarted) on a busy machine is slow at first
        connection.setReplyTimeout(30_000);
        beforeLogin.accept(connection);
        connection.connect().login();
        return connection;
    }

    @Override
    public void close() {
        server.close();
    }
}
