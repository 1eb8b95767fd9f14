package org.switchboard.xmpp.sint;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.account.Roles;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;

/**
 * The real XMPP server for a SINT run: loopback, the embedded test database, a self-signed certificate.
 * SINT connects to port 5222 of its host and has no port setting, so the client port is 5222 here.
 */
final class SintServer implements AutoCloseable {

    static final String DOMAIN = "sint.switchboard.test";
    static final int SINT_PORT = 5222;
    private static final String TRUST_STORE_PASSWORD = "sint-trust";

    final XmppServer server;
    final PostgresAccountStore accounts;

    SintServer() throws IOException {
        requireFree(SINT_PORT);
        Path dataDir = Files.createTempDirectory("xmpp-sint");
        DatabaseClient db = TestDatabase.client();
        CoreSettings core = CoreSettings.defaults(DOMAIN, dataDir);
        accounts = new PostgresAccountStore(db, DOMAIN, core.passwordIterations());
        PostgresAuthenticationGuard guard = new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC());
        XmppSettings settings = XmppSettings.forTests(core, Map.of()).withC2sPort(SINT_PORT);
        server = new XmppServer(settings, accounts, guard, db, new SimpleMeterRegistry());
        server.start();
    }

    void createAccount(String localpart, String password, boolean admin) {
        accounts.create(localpart, password, AccountKind.PERSON, admin ? Set.of(Roles.ADMIN) : Set.of()).block();
    }

    /**
     * Makes this JVM's default trust store hold exactly the server's self-signed certificate, so SINT runs
     * over TLS with verification on. SINT's own {@code serviceTlsPin} does not work in 4.5.0-beta5: Smack
     * re-initializes the pinned SSLContext with the default trust managers (ConnectionConfiguration
     * getSmackTlsContext), so the pin is lost. This JVM runs only SINT, so the process-wide setting is contained.
     */
    void trustServerCertificate() throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("switchboard-sint", server.certificate().leaf());
            Path file = Files.createTempFile("sint-truststore", ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                trusted.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            System.setProperty("javax.net.ssl.trustStore", file.toString());
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            System.setProperty("javax.net.ssl.trustStorePassword", TRUST_STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store for the server certificate", e);
        }
    }

    /** Fails early with a clear reason rather than letting SINT talk to some other server on 5222. */
    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException taken) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use; SINT can only connect to 5222", taken);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
