package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;

/**
 * A server stopped with SIGTERM ends its sessions before its embedded PostgreSQL stops: a message held for a client
 * whose connection dropped (a detached, resumable session) goes to offline storage and reaches the client at its
 * next login after the restart. The embedded PostgreSQL library stopped the database from a JVM shutdown hook of
 * its own, in parallel with the server's shutdown, and such messages were lost ("Could not store ... had not
 * acknowledged" in bench/sms's server logs at every stop).
 */
class GracefulStopTest {

    private static final String DOMAIN = "stop.test";

    @TempDir
    Path dataDir;

    @Test
    void whatADetachedSessionHeldAtSigtermIsDeliveredAfterTheRestart() throws Exception {
        ServerProcess server = ServerProcess.start(dataDir, DOMAIN);
        TlsCertificate certificate;
        try {
            server.createUser("alice", "alice-password-1");
            server.createUser("bob", "bob-password-12");
            certificate = CertificateProvider.fromPem(dataDir.resolve("tls/" + DOMAIN + ".crt.pem"),
                    dataDir.resolve("tls/" + DOMAIN + ".key.pem"));
            XMPPTCPConnection bob = XmppClients.login(DOMAIN, server.c2sPort, certificate, "bob", "bob-password-12").connection();
            assertThat(bob.isSmEnabled()).as("bob's stream is managed").isTrue();
            String bobJid = bob.getUser().toString();
            bob.instantShutdown(); // the phone lost its network: no </stream>, the session waits to be resumed
            assertThat(bob.isSmResumptionPossible()).as("bob's session can be resumed").isTrue();
            XMPPTCPConnection alice = XmppClients.login(DOMAIN, server.c2sPort, certificate, "alice", "alice-password-1").connection();
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(bobJid))
                    .ofType(Message.Type.chat).setBody("held at the stop").build());
            assertThat(PingManager.getInstanceFor(alice).pingMyServer(true)).as("the server has read the message").isTrue();
            alice.disconnect();
            server.stop();
        } finally {
            server.close();
        }

        ServerProcess restarted = ServerProcess.start(dataDir, DOMAIN);
        try {
            XMPPTCPConnection bob = XmppClients.connection(DOMAIN, restarted.c2sPort, certificate, "bob", "bob-password-12", false);
            StanzaCollector messages = bob.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            bob.connect().login();
            bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
            Message delivered = messages.nextResult(TimeUnit.SECONDS.toMillis(15));
            assertThat(delivered).as("the held message, from offline storage").isNotNull();
            assertThat(delivered.getBody()).isEqualTo("held at the stop");
            bob.disconnect();
        } finally {
            restarted.close();
        }
    }
}
