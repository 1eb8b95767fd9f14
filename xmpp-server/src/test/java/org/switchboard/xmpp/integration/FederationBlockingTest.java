package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * Per-domain policy over real sockets (ADR 0051): a domain on the deny-list is refused with {@code policy-violation};
 * an admin's block (stored through {@link BlockedDomains}, as the REST API does) closes the domain's open stream at
 * once, refuses new ones and bounces local users' stanzas for it with {@code not-allowed}; lifting it lets the peer
 * in again.
 */
class FederationBlockingTest {

    private static final String PEER = "blocked-peer.test";
    private static final String DENIED = "denied.test";
    private static TestCa.Issued peerCertificate;
    private static TestCa.Issued deniedCertificate;
    @StartedServer(settings = "withDenyList") private static RunningServer server;

    static XmppSettings withDenyList(XmppSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("federation-blocking");
        TestCa ca = new TestCa("Blocking Test CA");
        peerCertificate = ca.issue(PEER, dir);
        deniedCertificate = ca.issue(DENIED, dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path trusted = ca.writeCertificate(dir.resolve("ca.pem"));
        // the peer's address is a closed port: an outgoing connection would fail, so a not-allowed bounce comes from the block
        S2sSettings s2s = S2sSettings.forTests(Map.of(PEER, new HostAndPort("127.0.0.1", 1)), false, trusted, secret)
                .withDomainLists(Set.of(), Set.of(DENIED));
        return settings.withS2s(s2s);
    }

    @Test
    void aDomainOnTheDenyListIsRefusedAtItsStreamHeader() throws Exception {
        try (RawPeer peer = new RawPeer(deniedCertificate)) {
            assertThatThrownBy(() -> peer.startTls(server.server.s2sPort(), DENIED, RunningServer.DOMAIN))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .hasMessageContaining(DENIED + " is on this server's deny-list");
        }
    }

    @Test
    void aBlockClosesTheOpenStreamAtOnceRefusesNewOnesAndBouncesOutgoingStanzasUntilLifted() throws Exception {
        BlockedDomains blocks = new BlockedDomains(TestDatabase.client());
        server.server.followBlockedDomains(blocks);
        String alice = server.newAccount("blocking-password");
        XMPPTCPConnection user = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, "blocking-password");
        try (RawPeer open = new RawPeer(peerCertificate)) {
            assertThat(open.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN)).contains("<mechanism>EXTERNAL</mechanism>");
            assertThat(open.external(PEER, RunningServer.DOMAIN)).contains("<stream:features");

            assertThat(blocks.block(PEER, "test", "admin@" + RunningServer.DOMAIN).block()).isTrue();
            String end = open.readUntil("</stream:stream>");
            assertThat(end).contains("<policy-violation").contains(PEER + " is blocked by an admin");

            try (RawPeer again = new RawPeer(peerCertificate)) {
                assertThatThrownBy(() -> again.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN))
                        .hasMessageContaining("<policy-violation");
            }
            BlockingQueue<Message> toUser = FederationPeers.messages(user);
            FederationPeers.send(user, JidCreate.entityBareFrom("someone@" + PEER), "not while blocked");
            Message bounced = FederationPeers.next(toUser, "the bounce of a message to a blocked domain");
            assertThat(bounced.getType()).isEqualTo(Message.Type.error);
            assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        } finally {
            user.disconnect();
            blocks.unblock(PEER).block();
        }
        try (RawPeer afterwards = new RawPeer(peerCertificate)) {
            assertThat(afterwards.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN)).as("lifted")
                    .contains("<mechanism>EXTERNAL</mechanism>");
        }
    }
}
