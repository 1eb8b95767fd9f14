package org.switchboard.xmpp.integration.peer;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionModuleDescriptor;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Smack client on RFC 7395, run by {@code SmackWebSocketTest} in a JVM of its own on Smack 4.5.0-beta5 (the only
 * Smack WebSocket transport on the reachable Central; see the POM). Uses Smack and the JDK only. Logs in over the
 * WebSocket, sends one message to the peer, waits for one chat message back and prints {@code REPLY <body>}.
 *
 * <p>Arguments: WebSocket URL, domain, user, password, peer JID, PEM certificate to trust.
 */
public final class SmackWebSocketPeer {

    private SmackWebSocketPeer() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        // Smack's Java 11 WebSocket uses one HttpClient on the JVM's default TLS context: it must trust the test server
        SSLContext.setDefault(trusting(Path.of(args[5])));
        ModularXmppClientToServerConnectionConfiguration.Builder config = ModularXmppClientToServerConnectionConfiguration.builder()
                .setXmppDomain(args[1])
                .setUsernameAndPassword(args[2], args[3])
                .setResource("web");
        config.removeAllModules();
        config.addModule(webSocketModule(config, endpoint));
        ModularXmppClientToServerConnection connection = new ModularXmppClientToServerConnection(config.build());
        connection.setReplyTimeout(30_000);
        connection.connect();
        connection.login();
        System.out.println("LOGGED-IN " + connection.getUser() + " secure=" + connection.isSecureConnection());
        StanzaCollector messages = connection.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(JidCreate.from(args[4]))
                .ofType(Message.Type.chat).setBody("hello from Smack over WebSocket").build());
        Message reply = null;
        while (reply == null || reply.getBody() == null) {
            reply = messages.nextResult(TimeUnit.SECONDS.toMillis(60));
            if (reply == null) {
                System.out.println("NO-REPLY");
                System.exit(2);
            }
        }
        System.out.println("REPLY " + reply.getBody());
        connection.disconnect();
        System.exit(0);
    }

    /**
     * {@code XmppWebSocketTransportModuleDescriptor.getBuilder(config).explicitlySetWebSocketEndpointAndDiscovery(endpoint,
     * false).build()}, by reflection: the module is on this JVM's class path but not on the one this class is compiled
     * with (the rc1 Smack of the other tests, which has no WebSocket module on Central).
     */
    private static ModularXmppClientToServerConnectionModuleDescriptor webSocketModule(
            ModularXmppClientToServerConnectionConfiguration.Builder config, URI endpoint) throws Exception {
        Class<?> descriptor = Class.forName("org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor");
        Object builder = descriptor.getMethod("getBuilder", ModularXmppClientToServerConnectionConfiguration.Builder.class)
                .invoke(null, config);
        builder.getClass().getMethod("explicitlySetWebSocketEndpointAndDiscovery", URI.class, boolean.class)
                .invoke(builder, endpoint, false);
        return (ModularXmppClientToServerConnectionModuleDescriptor) builder.getClass().getMethod("build").invoke(builder);
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
