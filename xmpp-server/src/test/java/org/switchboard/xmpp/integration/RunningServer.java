package org.switchboard.xmpp.integration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.module.StandardModules;
import org.switchboard.xmpp.module.XmppModule;

/**
 * A real server on loopback with the shared test PostgreSQL, a self-signed certificate in a temporary data
 * directory, and a trust manager that trusts exactly that certificate. A test class usually takes one from a
 * {@link StartedServer} field; a test whose subject is the server's start or stop (a restart, a shutdown) makes its own.
 */
final class RunningServer implements AutoCloseable {

    static final String DOMAIN = "switchboard.test";
    /** An external component's domain (sms.<domain> is the built-in SMS gateway's). */
    static final String COMPONENT = "gateway.switchboard.test";
    static final String COMPONENT_SECRET = "s3cret-for-tests";
    /** A second component, acting as a push app server (XEP-0357). */
    static final String PUSH_COMPONENT = "push.switchboard.test";
    static final String PUSH_COMPONENT_SECRET = "push-s3cret-for-tests";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final XmppServer server;
    /** The server's meters, as the all-in-one server would export them. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PostgresAccountStore accounts;
    final DatabaseClient db;
    final X509TrustManager trustManager;
    final SSLContext sslContext;
    /** The server's data directory (certificate, uploads). */
    final Path dataDir;

    RunningServer() throws Exception {
        this(UnaryOperator.identity());
    }

    /** With settings changed from the test defaults, e.g. registration opened. */
    RunningServer(UnaryOperator<XmppSettings> adjust) throws Exception {
        this(adjust, List.of());
    }

    /** With settings changed and modules added to the standard ones (e.g. one the application wires in). */
    RunningServer(UnaryOperator<XmppSettings> adjust, List<XmppModule> extraModules) throws Exception {
        this(adjust, extraModules, server -> { });
    }

    /** As above, with {@code beforeStart} wiring the server as the application would (e.g. what it follows). */
    RunningServer(UnaryOperator<XmppSettings> adjust, List<XmppModule> extraModules, Consumer<XmppServer> beforeStart) throws Exception {
        dataDir = Files.createTempDirectory("xmpp-test");
        db = TestDatabase.client();
        CoreSettings core = CoreSettings.defaults(DOMAIN, dataDir);
        accounts = new PostgresAccountStore(db, DOMAIN, core.passwordIterations());
        PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC());
        XmppSettings settings = adjust.apply(XmppSettings.forTests(core, Map.of(COMPONENT, COMPONENT_SECRET,
                PUSH_COMPONENT, PUSH_COMPONENT_SECRET)));
        List<XmppModule> modules = new ArrayList<>(StandardModules.create(settings));
        modules.addAll(extraModules);
        server = new XmppServer(settings, accounts, guard, db, modules, meters);
        beforeStart.accept(server);
        server.start();

        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", server.certificate().leaf());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        trustManager = (X509TrustManager) factory.getTrustManagers()[0];
        sslContext = SSLContext.getInstance("TLS");
        sslContext.init(null, new javax.net.ssl.TrustManager[] {trustManager}, new SecureRandom());
    }

    /** A new account with a name no other test uses (lockouts and failures are kept in the shared database). */
    String newAccount(String password) {
        String name = unusedName();
        accounts.create(name, password, AccountKind.PERSON, Set.of()).block();
        return name;
    }

    /** A name no account has and no other test uses. */
    String unusedName() {
        return "user" + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet();
    }

    @Override
    public void close() {
        server.close();
        TempDirectories.delete(dataDir);
    }
}
