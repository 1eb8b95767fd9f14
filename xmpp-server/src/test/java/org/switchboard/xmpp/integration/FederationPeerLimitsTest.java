package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.PeerLimits;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamParser;

/**
 * Limits per remote domain over real sockets (ADR 0053), with hand-driven peers authenticated by SASL EXTERNAL: a
 * peer that floods is slowed to its domain's stanza rate — its stanzas all arrive, in order, no faster than the rate
 * allows — while two local users go on talking; a domain past its connections is refused with
 * {@code policy-violation} and a text that says why; a stanza over the size limit ends the peer's stream. The meters
 * per peer count what happened.
 */
class FederationPeerLimitsTest {

    private static final String FLOOD = "flood.test";
    private static final String CROWD = "crowd.test";
    private static final String BIG = "big.test";
    /** 10 stanzas a second after 5 at once; two connections per domain. */
    private static final PeerLimits LIMITS = new PeerLimits(2, 10, 5);
    private static final Map<String, TestCa.Issued> certificates = new HashMap<>();
    @StartedServer(settings = "withLowPeerLimits") private static RunningServer server;

    static XmppSettings withLowPeerLimits(XmppSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("federation-limits");
        TestCa ca = new TestCa("Limits Test CA");
        for (String domain : List.of(FLOOD, CROWD, BIG)) {
            certificates.put(domain, ca.issue(domain, Files.createDirectories(dir.resolve(domain))));
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // the flooding domain's own server is a closed port: replies to it are bounced, which the meters count
        S2sSettings s2s = S2sSettings.forTests(Map.of(FLOOD, new HostAndPort("127.0.0.1", 1)), false,
                ca.writeCertificate(dir.resolve("ca.pem")), secret).withPeerLimits(LIMITS);
        return settings.withS2s(s2s);
    }

    @Test
    void aFloodingPeerIsSlowedToItsDomainsRateLosesNothingAndLocalUsersGoOn() throws Exception {
        String target = server.newAccount("target pw");
        String alice = server.newAccount("alice pw");
        String carol = server.newAccount("carol pw");
        XMPPTCPConnection flooded = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", target, "target pw");
        XMPPTCPConnection aliceConnection = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, "alice pw");
        XMPPTCPConnection carolConnection = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", carol, "carol pw");
        try (RawPeer peer = new RawPeer(certificates.get(FLOOD))) {
            BlockingQueue<Message> floodArrived = FederationPeers.messages(flooded);
            BlockingQueue<Message> toAlice = FederationPeers.messages(aliceConnection);
            BlockingQueue<Message> toCarol = FederationPeers.messages(carolConnection);
            peer.startTls(server.server.s2sPort(), FLOOD, RunningServer.DOMAIN);
            assertThat(peer.external(FLOOD, RunningServer.DOMAIN)).contains("<stream:features");

            int total = 65;
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < total; i++) {
                burst.append("<message type='chat' from='bob@").append(FLOOD).append("/r' to='").append(target).append('@')
                        .append(RunningServer.DOMAIN).append("'><body>").append(i).append("</body></message>");
            }
            long sent = System.nanoTime();
            peer.send(burst.toString());

            // while the peer's connection waits for its domain's tokens, two local users exchange messages
            Eventually.until("the flood is held back", FederationPeers.WAIT, () -> held(FLOOD) > 0);
            EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + RunningServer.DOMAIN);
            EntityBareJid carolJid = JidCreate.entityBareFrom(carol + "@" + RunningServer.DOMAIN);
            for (int i = 0; i < 5; i++) {
                FederationPeers.send(aliceConnection, carolJid, "ping " + i);
                assertThat(FederationPeers.next(toCarol, "alice's message " + i).getBody()).isEqualTo("ping " + i);
                FederationPeers.send(carolConnection, aliceJid, "pong " + i);
                assertThat(FederationPeers.next(toAlice, "carol's answer " + i).getBody()).isEqualTo("pong " + i);
            }
            // the flood needs 6 s at least (60 stanzas past the burst at 10 a second); ten local messages take far less
            assertThat(floodArrived.size()).as("flood stanzas delivered while the local users talked").isLessThan(total);

            List<String> order = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                order.add(FederationPeers.next(floodArrived, "flood message " + i + " of " + total).getBody());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(order).containsExactlyElementsOf(IntStream.range(0, total).mapToObj(String::valueOf).toList());
            // a lower bound only: the token bucket cannot let them through faster, a slow machine only makes it longer
            long floor = (total - LIMITS.stanzaBurst()) * 1000L / LIMITS.stanzasPerSecond();
            assertThat(took.toMillis()).as("time for %d stanzas at %d a second after %d", total, LIMITS.stanzasPerSecond(),
                    LIMITS.stanzaBurst()).isGreaterThanOrEqualTo(floor - 50);
            assertThat(held(FLOOD)).isGreaterThanOrEqualTo(total - LIMITS.stanzaBurst() - 5);
            assertThat(meter("switchboard.xmpp.s2s.stanzas", FLOOD, "in")).isEqualTo(total);
            assertThat(meter("switchboard.xmpp.s2s.bytes", FLOOD, "in")).isGreaterThan(total * 50);
            assertThat(server.meters.get("switchboard.xmpp.s2s.connections").tag("domain", FLOOD).tag("direction", "in")
                    .gauge().value()).isEqualTo(1);

            // a reply to the peer's domain cannot be delivered (its server is a closed port): counted as bounced
            FederationPeers.send(flooded, JidCreate.entityBareFrom("bob@" + FLOOD), "a reply");
            Eventually.until("the reply is bounced", FederationPeers.WAIT, () -> server.meters.find("switchboard.xmpp.s2s.bounced")
                    .tag("domain", FLOOD).counters().stream().mapToDouble(c -> c.count()).sum() > 0);
        } finally {
            flooded.disconnect();
            aliceConnection.disconnect();
            carolConnection.disconnect();
        }
        Eventually.until("the closed peer connection is no longer counted", FederationPeers.WAIT,
                () -> server.meters.get("switchboard.xmpp.s2s.connections").tag("domain", FLOOD).tag("direction", "in")
                        .gauge().value() == 0);
    }

    @Test
    void aDomainPastItsConnectionsIsRefusedWithPolicyViolationAndAClosedOneFreesItsPlace() throws Exception {
        try (RawPeer first = new RawPeer(certificates.get(CROWD)); RawPeer second = new RawPeer(certificates.get(CROWD));
             RawPeer third = new RawPeer(certificates.get(CROWD))) {
            first.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN);
            assertThat(first.external(CROWD, RunningServer.DOMAIN)).contains("<stream:features");
            second.directTls(server.server.s2sDirectTlsPort(), CROWD, RunningServer.DOMAIN);
            assertThat(second.external(CROWD, RunningServer.DOMAIN)).contains("<stream:features");
            third.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN);
            third.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(third.readUntil("</stream:stream>"))
                    .contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .contains(CROWD + " has 2 connections to this server already, which is the limit per domain");
            assertThat(server.meters.get("switchboard.xmpp.s2s.refused").tag("domain", CROWD).tag("reason", "connections")
                    .counter().count()).isEqualTo(1);
            first.close();
        }
        Eventually.until("the closed connections are no longer counted", FederationPeers.WAIT,
                () -> server.meters.get("switchboard.xmpp.s2s.connections").tag("domain", CROWD).tag("direction", "in")
                        .gauge().value() == 0);
        try (RawPeer again = new RawPeer(certificates.get(CROWD))) {
            again.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN);
            assertThat(again.external(CROWD, RunningServer.DOMAIN)).as("a place freed by a closed connection").contains("<stream:features");
        }
    }

    @Test
    void aStanzaOverTheSizeLimitEndsThePeersStreamWithPolicyViolation() throws Exception {
        try (RawPeer peer = new RawPeer(certificates.get(BIG))) {
            peer.startTls(server.server.s2sPort(), BIG, RunningServer.DOMAIN);
            assertThat(peer.external(BIG, RunningServer.DOMAIN)).contains("<stream:features");
            // past the limit by more than the parser's read slice, within which the check may land
            String body = "y".repeat(XmlLimits.DEFAULT.maxStanzaBytes() + 4 * XmlStreamParser.SLICE_BYTES);
            peer.send("<message from='a@" + BIG + "' to='someone@" + RunningServer.DOMAIN + "'><body>" + body + "</body></message>");
            assertThat(peer.readUntil("</stream:stream>"))
                    .contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .contains("stanza is larger than " + XmlLimits.DEFAULT.maxStanzaBytes() + " bytes");
        }
    }

    private static double held(String domain) {
        var counter = server.meters.find("switchboard.xmpp.s2s.held").tag("domain", domain).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double meter(String name, String domain, String direction) {
        return server.meters.get(name).tag("domain", domain).tag("direction", direction).counter().count();
    }
}
