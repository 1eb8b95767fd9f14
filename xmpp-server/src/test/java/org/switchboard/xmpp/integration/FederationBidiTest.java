package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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
 * XEP-0288 with a real Prosody 0.12 and its mod_s2s_bidi (ADR 0054): one of the two servers cannot reach the other (its
 * way there is a closed port), so everything must travel over the one connection the other opens. Prosody opens it: it
 * asks for a bidirectional stream, and our messages, IQs and presence go back over it; without mod_s2s_bidi our replies
 * cannot be delivered (the control). This server opens it: we ask, and Prosody's replies come back over ours. On the
 * stream Prosody opens it also enables XEP-0198, which this server offers after SASL EXTERNAL: Prosody's queue of
 * unacknowledged stanzas empties, and it never sees a wrong count.
 */
class FederationBidiTest {

    private static final String PASSWORD = "federation-bidi-password";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void oneConnectionOpenedByProsodyCarriesBothDirectionsAndItsStanzasAreAcknowledged() throws Exception {
        try (Peers peers = new Peers(true, Way.THEIRS_ONLY)) {
            peers.bobWritesFirst();
            FederationPeers.send(peers.ourUser, peers.bob, "reply over Prosody's connection");
            assertThat(FederationPeers.next(peers.toTheirs, "our reply\n" + peers.prosody.log("prosody.log")).getBody())
                    .isEqualTo("reply over Prosody's connection");
            assertThat(PingManager.getInstanceFor(peers.ourUser).ping(peers.theirUser.getUser()))
                    .as(() -> "our ping to bob\n" + peers.prosody.log("prosody.log")).isTrue();
            assertThat(PingManager.getInstanceFor(peers.theirUser).ping(peers.ourUser.getUser()))
                    .as(() -> "bob's ping to us\n" + peers.prosody.log("prosody.log")).isTrue();
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
            Eventually.until("Prosody has its stanzas on its stream to us acknowledged", FederationPeers.WAIT,
                    () -> loggedBy(peers.prosody, "s2sout", "#queue = 0 (acked: "));
            assertThat(peers.prosody.logged("says it handled")).as("a wrong count").isFalse();
        }
    }

    @Test
    void oneConnectionOpenedByThisServerCarriesProsodysRepliesBack() throws Exception {
        try (Peers peers = new Peers(true, Way.OURS_ONLY)) {
            FederationPeers.send(peers.ourUser, peers.bob, "hello from switchboard");
            assertThat(FederationPeers.next(peers.toTheirs, "our message\n" + peers.prosody.log("prosody.log")).getBody())
                    .isEqualTo("hello from switchboard");
            FederationPeers.send(peers.theirUser, peers.ourUser.getUser().asEntityBareJid(), "reply over our connection");
            assertThat(FederationPeers.next(peers.toOurs, "bob's reply\n" + peers.prosody.log("prosody.log")).getBody())
                    .isEqualTo("reply over our connection");
            assertThat(PingManager.getInstanceFor(peers.theirUser).ping(peers.ourUser.getUser())).isTrue();
            FederationPeers.subscribeBothWays(peers.ourUser, peers.theirUser);

            assertThat(peers.prosody.logged("Requested bidirectional stream")).isTrue();
            assertThat(peers.server.meters.get("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "out").gauge().value()).as("our connections to Prosody").isEqualTo(1);
            Gauge in = peers.server.meters.find("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "in").gauge();
            assertThat(in == null ? 0 : in.value()).as("Prosody's connections to us").isZero();
            assertThat(peers.server.meters.get("switchboard.xmpp.s2s.stanzas").tag("domain", ProsodyPeer.DOMAIN)
                    .tag("direction", "in").counter().count()).as("Prosody's stanzas over our connection").isGreaterThanOrEqualTo(3);
            // Prosody asks for acknowledgements of what it sends us over our stream too (we enabled XEP-0198 on it)
            Eventually.until("Prosody has its stanzas on our stream acknowledged", FederationPeers.WAIT,
                    () -> loggedBy(peers.prosody, "s2sin", "#queue = 0 (acked: "));
            assertThat(peers.prosody.logged("says it handled")).as("a wrong count").isFalse();
        }
    }

    /**
     * A peer's stream that carries only our stanzas is in use: Prosody opens it, then sends nothing more (bob is silent
     * and our direction has no acknowledgements), while our user writes to bob for three times the idle timeout. Were
     * only reads counted, it would be closed after the first idle timeout and our next message bounced, as we have no
     * way to Prosody of our own. Once our user stops, it is closed for idleness after all.
     */
    @Test
    void prosodysStreamCarryingOnlyOurStanzasIsNotClosedAsIdleWhileInUse() throws Exception {
        Duration idle = Duration.ofSeconds(4);
        try (Peers peers = new Peers(true, Way.THEIRS_ONLY, idle)) {
            peers.bobWritesFirst();
            long until = System.nanoTime() + idle.multipliedBy(3).toNanos();
            int sent = 0;
            while (System.nanoTime() < until) {
                sent++;
                FederationPeers.send(peers.ourUser, peers.bob, "still here " + sent);
                Message arrived = FederationPeers.next(peers.toTheirs, "our message " + sent + "\n" + peers.prosody.log("prosody.log"));
                assertThat(arrived.getBody()).as("our message %d", sent).isEqualTo("still here " + sent);
                Thread.sleep(idle.toMillis() / 4);
            }
            assertThat(peers.toOurs).as("nothing bounced").isEmpty();
            assertThat(incoming(peers)).as("Prosody's connections to us").isEqualTo(1);
            Eventually.until("Prosody's stream is closed once unused", FederationPeers.WAIT, () -> incoming(peers) == 0);
        }
    }

    private static double incoming(Peers peers) {
        Gauge in = peers.server.meters.find("switchboard.xmpp.s2s.connections").tag("domain", ProsodyPeer.DOMAIN)
                .tag("direction", "in").gauge();
        return in == null ? 0 : in.value();
    }

    @Test
    void withoutBidiOurReplyHasNoWayToProsody() throws Exception {
        try (Peers peers = new Peers(false, Way.THEIRS_ONLY)) {
            peers.bobWritesFirst();
            FederationPeers.send(peers.ourUser, peers.bob, "no way back");
            Message bounced = FederationPeers.next(peers.toOurs, "the bounce of our reply");
            assertThat(bounced.getType()).isEqualTo(Message.Type.error);
            assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
            assertThat(peers.toTheirs).isEmpty();
        }
    }

    /** Whether a line of Prosody's log by one of its sessions of {@code kind} ({@code s2sin}, {@code s2sout}) has {@code text}. */
    private static boolean loggedBy(ProsodyPeer prosody, String kind, String text) {
        try {
            return Files.readAllLines(prosody.dir.resolve("prosody.log")).stream()
                    .anyMatch(line -> line.contains(" " + kind) && line.contains(text));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Which server can open a connection to the other: the other's way to it is a closed port. */
    private enum Way { OURS_ONLY, THEIRS_ONLY }

    /** This server, a Prosody, one of them unable to reach the other, and a user logged in on each. */
    private static final class Peers implements AutoCloseable {
        final RunningServer server;
        final ProsodyPeer prosody;
        final XMPPTCPConnection ourUser;
        final XMPPTCPConnection theirUser;
        final BlockingQueue<Message> toOurs;
        final BlockingQueue<Message> toTheirs;
        final EntityBareJid bob;
        /** The certificates and keys; deleted on close. */
        private final Path dir;

        Peers(boolean bidi, Way way) throws Exception {
            this(bidi, way, Duration.ofMinutes(10));
        }

        Peers(boolean bidi, Way way, Duration idleTimeout) throws Exception {
            dir = Files.createTempDirectory("federation-bidi");
            TestCa ca = new TestCa("Bidi Test CA");
            Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
            TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir);
            TestCa.Issued theirs = ca.issue(ProsodyPeer.DOMAIN, dir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            int prosodyS2s = ProsodyPeer.freePort();
            HostAndPort toProsody = way == Way.OURS_ONLY ? new HostAndPort(ProsodyPeer.ADDRESS, prosodyS2s) : new HostAndPort("127.0.0.1", 1);
            S2sSettings s2s = S2sSettings.forTests(Map.of(ProsodyPeer.DOMAIN, toProsody), false, caPem, secret)
                    .withIdleTimeout(idleTimeout);
            server = new RunningServer(settings -> settings
                    .with(s -> s.tls = new TlsSettings(true, ours.certificatePem(), ours.keyPem())).withS2s(s2s));
            prosody = new ProsodyPeer(prosodyS2s, new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem,
                    true, RunningServer.DOMAIN, way == Way.THEIRS_ONLY ? server.server.s2sPort() : 1));
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
            TempDirectories.delete(dir);
        }
    }
}
