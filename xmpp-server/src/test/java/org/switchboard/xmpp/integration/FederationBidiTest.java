package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.TlsSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * A real Prosody 0.12 opens the only connection between the two servers (ADR 0054): this server's static map sends
 * prosody.test to a closed port, so nothing of ours can reach Prosody except over the stream Prosody opened to us.
 * With Prosody's mod_s2s_bidi, Prosody asks for XEP-0288 on that stream and messages, IQs and presence go both ways over
 * it; without it, our replies cannot be delivered (the control). On the same stream Prosody enables XEP-0198, which this
 * server offers after SASL EXTERNAL: Prosody's queue of unacknowledged stanzas empties, and it never sees a wrong count.
 */
class FederationBidiTest {

    private static final String PASSWORD = "federation-bidi-password";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void oneConnectionOpenedByProsodyCarriesBothDirectionsAndItsStanzasAreAcknowledged() throws Exception {
        try (Peers peers = new Peers(true)) {
            peers.bobWritesFirst();
            FederationPeers.send(peers.ourUser, peers.bob, "reply over Prosody's connection");
            assertThat(FederationPeers.next(peers.toTheirs, "our reply\n" + peers.prosody.log("prosody.log")).getBody())
                    .isEqualTo("reply over Prosody's connection");
            assertThat(PingManager.getInstanceFor(peers.ourUser).ping(peers.theirUser.getUser())).isTrue();
            assertThat(PingManager.getInstanceFor(peers.theirUser).ping(peers.ourUser.getUser())).isTrue();
            FederationPeers.subscribeBothWays(peers.ourUser, peers.theirUser);

            assertThat(peers.prosody.logged("Requesting bidirectional stream")).isTrue();
            assertThat(peers.server.meters.get("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "in").gauge().value()).as("Prosody's connections to us").isEqualTo(1);
            Gauge out = peers.server.meters.find("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "out").gauge();
            assertThat(out == null ? 0 : out.value()).as("our connections to Prosody").isZero();
            assertThat(peers.server.meters.get("switchboard.xmpp.s2s.stanzas").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "out").counter().count()).isGreaterThanOrEqualTo(4);

            // XEP-0198 on the incoming stream: Prosody asked, we answered, and the answers were right
            Eventually.until("Prosody has all its stanzas acknowledged", FederationPeers.WAIT,
                    () -> logged(peers.prosody, "#queue = 0 (acked: "));
            assertThat(peers.prosody.logged("Enabling stream management")).isTrue();
            assertThat(peers.prosody.logged("says it handled")).as("a wrong count").isFalse();
        }
    }

    @Test
    void withoutBidiOurReplyHasNoWayToProsody() throws Exception {
        try (Peers peers = new Peers(false)) {
            peers.bobWritesFirst();
            FederationPeers.send(peers.ourUser, peers.bob, "no way back");
            Message bounced = FederationPeers.next(peers.toOurs, "the bounce of our reply");
            assertThat(bounced.getType()).isEqualTo(Message.Type.error);
            assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
            assertThat(peers.toTheirs).isEmpty();
        }
    }

    private static boolean logged(ProsodyPeer prosody, String text) {
        try {
            return prosody.logged(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** This server (its way to Prosody a closed port), a Prosody that can reach it, and a user logged in on each. */
    private static final class Peers implements AutoCloseable {
        final RunningServer server;
        final ProsodyPeer prosody;
        final XMPPTCPConnection ourUser;
        final XMPPTCPConnection theirUser;
        final BlockingQueue<Message> toOurs;
        final BlockingQueue<Message> toTheirs;
        final EntityBareJid bob;

        Peers(boolean bidi) throws Exception {
            Path dir = Files.createTempDirectory("federation-bidi");
            TestCa ca = new TestCa("Bidi Test CA");
            Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
            TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir);
            TestCa.Issued theirs = ca.issue(ProsodyPeer.DOMAIN, dir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            S2sSettings s2s = S2sSettings.forTests(Map.of(ProsodyPeer.DOMAIN, new HostAndPort("127.0.0.1", 1)), false, caPem, secret);
            server = new RunningServer(settings -> settings
                    .with(s -> s.tls = new TlsSettings(true, ours.certificatePem(), ours.keyPem())).withS2s(s2s));
            prosody = new ProsodyPeer(ProsodyPeer.freePort(), new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem,
                    true, RunningServer.DOMAIN, server.server.s2sPort()));
            if (bidi) {
                prosody.enableBidi();
            }
            prosody.register("bob", PASSWORD);
            prosody.start();
            ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", server.newAccount(PASSWORD), PASSWORD);
            theirUser = prosody.login("bob", PASSWORD, FederationPeers.trusting(ca.certificate()));
            toOurs = FederationPeers.messages(ourUser);
            toTheirs = FederationPeers.messages(theirUser);
            bob = JidCreate.entityBareFrom("bob@" + ProsodyPeer.DOMAIN);
        }

        /** Bob's message makes Prosody open its connection to us. */
        void bobWritesFirst() throws Exception {
            FederationPeers.send(theirUser, ourUser.getUser().asEntityBareJid(), "hello from prosody");
            assertThat(FederationPeers.next(toOurs, "bob's message\n" + prosody.log("prosody.log")).getBody()).isEqualTo("hello from prosody");
        }

        @Override
        public void close() throws Exception {
            ourUser.disconnect();
            theirUser.disconnect();
            prosody.close();
            server.close();
        }
    }
}
