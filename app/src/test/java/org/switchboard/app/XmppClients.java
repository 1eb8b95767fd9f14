package org.switchboard.app;

import java.net.InetAddress;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.tls.TlsCertificate;

/** Smack clients of a running all-in-one server, trusting exactly its (self-signed) certificate. */
final class XmppClients {

    private XmppClients() {
    }

    record Client(XMPPTCPConnection connection) implements AutoCloseable {
        @Override
        public void close() {
            connection.disconnect();
        }
    }

    static Client login(ConfigurableApplicationContext server, String user, String password) throws Exception {
        int port = server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("xmpp-c2s") && e.transport().equals("starttls"))
                .findFirst().orElseThrow().port();
        return login(server.getBean(CoreSettings.class).domain(), port, server.getBean(TlsCertificate.class), user, password);
    }

    /** A client of a server in another process, on its STARTTLS port, trusting its certificate. */
    static Client login(String domain, int port, TlsCertificate certificate, String user, String password) throws Exception {
        XMPPTCPConnection connection = connection(domain, port, certificate, user, password, true);
        connection.connect().login();
        return new Client(connection);
    }

    /**
     * A client not yet connected; without {@code sendPresence} it logs in without an initial presence, so that
     * listeners added after the login still see everything the server sends once the presence goes.
     */
    static XMPPTCPConnection connection(String domain, int port, TlsCertificate certificate, String user, String password,
                                        boolean sendPresence) throws Exception {
        return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trusting(certificate))
                .setUsernameAndPassword(user, password)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(sendPresence)
                .build());
    }

    static X509TrustManager trusting(TlsCertificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("switchboard", certificate.leaf());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
