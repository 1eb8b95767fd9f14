package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.PeerLimits;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * Streams peers open to this server, driven by hand over real sockets (ADR 0054): XEP-0198 is offered once the peer has
 * authenticated and counts exactly the stanzas handled since {@code <enable/>}; and an address that holds more
 * unauthenticated streams than allowed has its next connection refused with {@code policy-violation}, until one of
 * them authenticates or closes. On a bidirectional stream (XEP-0288) our stanzas are counted from our {@code <enabled/>}
 * and followed by {@code <r/>}; a peer's {@code <a/>} that counts more than we sent ends the stream, and the stanza it did
 * not acknowledge is bounced, not lost.
 */
class FederationIncomingStreamTest {

    private static final String ACKS = "acks.test";
    private static final String CROWD = "halfopen.test";
    private static final String BIDI = "bidiacks.test";
    /** Three half-open streams per address. */
    private static final PeerLimits LIMITS = new PeerLimits(10, 0, 1, 3);
    private static TestCa.Issued acksCertificate;
    private static TestCa.Issued crowdCertificate;
    private static TestCa.Issued bidiCertificate;
    @StartedServer(settings = "withFewHalfOpenStreams") private static RunningServer server;

    static XmppSettings withFewHalfOpenStreams(XmppSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("federation-incoming");
        TestCa ca = new TestCa("Incoming Streams Test CA");
        acksCertificate = ca.issue(ACKS, Files.createDirectories(dir.resolve(ACKS)));
        crowdCertificate = ca.issue(CROWD, Files.createDirectories(dir.resolve(CROWD)));
        bidiCertificate = ca.issue(BIDI, Files.createDirectories(dir.resolve(BIDI)));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return settings.withS2s(S2sSettings.forTests(Map.of(), false, ca.writeCertificate(dir.resolve("ca.pem")), secret)
                .withPeerLimits(LIMITS));
    }

    @Test
    void streamManagementIsOfferedAfterAuthenticationAndCountsTheStanzasHandledSinceEnable() throws Exception {
        String target = server.newAccount("acks password");
        XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", target, "acks password");
        try (RawPeer peer = new RawPeer(acksCertificate)) {
            BlockingQueue<Message> arrived = FederationPeers.messages(user);
            String before = peer.startTls(server.server.s2sPort(), ACKS, RunningServer.DOMAIN);
            assertThat(before).as("offered before authentication").contains("<bidi xmlns='urn:xmpp:features:bidi'/>")
                    .doesNotContain("urn:xmpp:sm:3");
            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("</failed>")).as("enable before authentication").contains("<unexpected-request");

            String after = peer.external(ACKS, RunningServer.DOMAIN);
            assertThat(after).contains("<sm xmlns='urn:xmpp:sm:3'>").doesNotContain("bidi");
            // one stanza before <enable/> is handled but not counted (XEP-0198 counts from enable on)
            peer.send(message(target, 0));
            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("/>")).contains("<enabled xmlns='urn:xmpp:sm:3'/>");
            peer.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("/>")).contains("<a xmlns='urn:xmpp:sm:3' h='0'/>");

            StringBuilder three = new StringBuilder();
            for (int i = 1; i <= 3; i++) {
                three.append(message(target, i));
            }
            peer.send(three + "<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("/>")).contains("<a xmlns='urn:xmpp:sm:3' h='3'/>");
            peer.send(message(target, 4) + message(target, 5) + "<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("/>")).contains("<a xmlns='urn:xmpp:sm:3' h='5'/>");
            // what was acknowledged has been routed: the user has all six
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i <= 5; i++) {
                bodies.add(FederationPeers.next(arrived, "message " + i).getBody());
            }
            assertThat(bodies).containsExactly("0", "1", "2", "3", "4", "5");

            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("</failed>")).as("a second enable").contains("<unexpected-request");
            // a stanza the stream refuses is not counted: it ends the stream
            peer.send("<message from='eve@elsewhere.test' to='" + target + "@" + RunningServer.DOMAIN + "'><body>x</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
        } finally {
            user.disconnect();
        }
    }

    @Test
    void ourStanzasOnABidirectionalStreamAreCountedAndAWrongAcknowledgementEndsIt() throws Exception {
        String sender = server.newAccount("bidi acks password");
        XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", sender, "bidi acks password");
        try (RawPeer peer = new RawPeer(bidiCertificate)) {
            BlockingQueue<Message> toUser = FederationPeers.messages(user);
            EntityBareJid bob = JidCreate.entityBareFrom("bob@" + BIDI);
            peer.startTls(server.server.s2sPort(), BIDI, RunningServer.DOMAIN);
            peer.send("<bidi xmlns='urn:xmpp:bidi'/>");
            assertThat(peer.external(BIDI, RunningServer.DOMAIN)).contains("<sm xmlns='urn:xmpp:sm:3'>");
            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertThat(peer.readUntil("/>")).contains("<enabled xmlns='urn:xmpp:sm:3'/>");

            FederationPeers.send(user, bob, "one");
            assertThat(peer.readUntil("<r xmlns='urn:xmpp:sm:3'/>")).as("our message, then our request")
                    .contains("<body>one</body>");
            peer.send("<a xmlns='urn:xmpp:sm:3' h='1'/>");
            user.sendStanza(StanzaBuilder.buildMessage("two-id").to(bob)
                    .ofType(Message.Type.chat).setBody("two").build());
            assertThat(peer.readUntil("<r xmlns='urn:xmpp:sm:3'/>")).contains("<body>two</body>");
            peer.send("<a xmlns='urn:xmpp:sm:3' h='3'/>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<undefined-condition")
                    .contains("the peer acknowledged 2 stanzas, but only 1 were unacknowledged");
            // "two" was not acknowledged: it goes again by another route, and there is none to bidiacks.test
            Message bounced = FederationPeers.next(toUser, "the bounce of the unacknowledged message");
            assertThat(bounced.getType()).isEqualTo(Message.Type.error);
            assertThat(bounced.getStanzaId()).as("the bounce is of \"two\"").isEqualTo("two-id");
            assertThat(bounced.getError().getCondition())
                    .isEqualTo(StanzaError.Condition.remote_server_not_found);
        } finally {
            user.disconnect();
        }
    }

    @Test
    void anAddressWithTooManyUnauthenticatedStreamsIsRefusedUntilOneAuthenticatesOrCloses() throws Exception {
        List<RawPeer> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.unauthenticatedPerAddress(); i++) {
                RawPeer peer = new RawPeer(crowdCertificate);
                halfOpen.add(peer);
                assertThat(peer.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN)).contains("EXTERNAL");
            }
            try (RawPeer refused = new RawPeer(crowdCertificate)) {
                refused.connect(server.server.s2sPort());
                assertThat(refused.readUntil("</stream:stream>"))
                        .contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                        .contains("too many connections from your address have not authenticated yet (the limit is 3)");
            }
            assertThat(server.meters.get("switchboard.xmpp.s2s.refused").tag("domain", "(unauthenticated)")
                    .tag("reason", "unauthenticated").counter().count()).isEqualTo(1);

            // one authenticates: its place is free, and a new connection gets as far as the features
            assertThat(halfOpen.get(0).external(CROWD, RunningServer.DOMAIN)).contains("<stream:features");
            try (RawPeer next = new RawPeer(crowdCertificate)) {
                assertThat(next.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN)).contains("EXTERNAL");
                // now three are half-open again (two old, this one): a fourth is refused
                try (RawPeer over = new RawPeer(crowdCertificate)) {
                    over.connect(server.server.s2sPort());
                    assertThat(over.readUntil("</stream:stream>")).contains("<policy-violation");
                }
            }
            // the one that closed gave its place back
            Eventually.until("the closed half-open stream is no longer counted", FederationPeers.WAIT, () -> {
                try (RawPeer again = new RawPeer(crowdCertificate)) {
                    return again.startTls(server.server.s2sPort(), CROWD, RunningServer.DOMAIN).contains("EXTERNAL");
                } catch (Exception refusedStill) {
                    return false;
                }
            });
        } finally {
            for (RawPeer peer : halfOpen) {
                peer.close();
            }
        }
    }

    private static String message(String user, int i) {
        return "<message type='chat' from='bob@" + ACKS + "/r' to='" + user + "@" + RunningServer.DOMAIN + "'><body>" + i + "</body></message>";
    }
}
