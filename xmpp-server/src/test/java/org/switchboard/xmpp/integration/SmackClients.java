package org.switchboard.xmpp.integration;

import java.net.InetAddress;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Smack connections to a {@link RunningServer}. */
final class SmackClients {

    enum Transport { STARTTLS, DIRECT_TLS }

    static {
        // Smack 4.5.0-rc1 ships SCRAM-SHA-1 but no SCRAM-SHA-256 (its SCRAM code hard-wires SHA-1 for H())
        SASLAuthentication.registerSASLMechanism(new ScramSha256ClientMechanism());
    }

    private SmackClients() {
    }

    static XMPPTCPConnection connect(RunningServer running, Transport transport, String mechanism, String user, String password)
            throws Exception {
        return connect(running, user, password, "test", transport, mechanism);
    }

    /** Logged in over STARTTLS with SCRAM-SHA-256 as {@code resource}, for tests of several resources of one account. */
    static XMPPTCPConnection connect(RunningServer running, String user, String password, String resource) throws Exception {
        return connect(running, user, password, resource, Transport.STARTTLS, "SCRAM-SHA-256");
    }

    private static XMPPTCPConnection connect(RunningServer running, String user, String password, String resource,
                                             Transport transport, String mechanism) throws Exception {
        return loggedIn(connectWithoutLogin(running, transport, mechanism, user, password, resource));
    }

    /** Logged in over STARTTLS with SCRAM-SHA-256 to a server in another process ({@link SmsServerProcess}). */
    static XMPPTCPConnection connect(int port, X509TrustManager trust, String user, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust)
                .setUsernameAndPassword(user, password)
                .setResource("test")
                .addEnabledSaslMechanism("SCRAM-SHA-256")
                .setCompressionEnabled(false)
                .build());
        connection.setReplyTimeout(30_000); // a loaded machine, another process
        connection.connect().login();
        return connection;
    }

    /** Logged in with stream management (XEP-0198) and resumption, which Smack leaves off by default. */
    static XMPPTCPConnection connectWithStreamManagement(RunningServer running, String user, String password) throws Exception {
        XMPPTCPConnection connection = connectWithoutLogin(running, Transport.STARTTLS, "SCRAM-SHA-256", user, password);
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        return loggedIn(connection);
    }

    /** Connected and past TLS, not authenticated: for what a client does before it has an account. */
    static XMPPTCPConnection connectWithoutLogin(RunningServer running, Transport transport, String mechanism, String user,
                                                 String password) throws Exception {
        return connectWithoutLogin(running, transport, mechanism, user, password, "test");
    }

    static XMPPTCPConnection connectWithoutLogin(RunningServer running, Transport transport, String mechanism, String user,
                                                         String password, String resource) throws Exception {
        return connectWithoutLogin(running, transport, mechanism, user, password, resource, true);
    }

    /**
     * Logged in without sending initial presence: the server then sends the session nothing of its own accord (no
     * XEP-0115 feature query), for tests that must know every stanza the client sends.
     */
    static XMPPTCPConnection connectWithoutPresence(RunningServer running, String user, String password) throws Exception {
        return loggedIn(connectWithoutLogin(running, Transport.STARTTLS, "SCRAM-SHA-256", user, password, "test", false));
    }

    /** Logs the connection in; one that fails is disconnected before the failure goes on. */
    private static XMPPTCPConnection loggedIn(XMPPTCPConnection connection) throws Exception {
        try {
            connection.login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        return connection;
    }

    private static XMPPTCPConnection connectWithoutLogin(RunningServer running, Transport transport, String mechanism, String user,
                                                         String password, String resource, boolean presence) throws Exception {
        XMPPTCPConnectionConfiguration.Builder config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setCustomX509TrustManager(running.trustManager)
                .addEnabledSaslMechanism(mechanism)
                .setCompressionEnabled(false)
                .setSendPresence(presence);
        if (transport == Transport.STARTTLS) {
            config.setPort(running.server.c2sPort()).setSecurityMode(SecurityMode.required);
        } else {
            // Smack's TCP connection has no XEP-0368 mode: hand it sockets that speak TLS from the first byte
            config.setPort(running.server.directTlsPort()).setSecurityMode(SecurityMode.disabled)
                    .setSocketFactory(running.sslContext.getSocketFactory());
        }
        XMPPTCPConnection connection = new XMPPTCPConnection(config.build());
        // the first TLS handshake of a cold JVM on a loaded 2-core machine can take longer than Smack's 5 s
        connection.setReplyTimeout(Math.max(connection.getReplyTimeout(), 30_000));
        connection.connect();
        return connection;
    }
}
