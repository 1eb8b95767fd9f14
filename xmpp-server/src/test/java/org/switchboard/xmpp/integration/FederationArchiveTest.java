package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.EntityBareJid;

/**
 * Carbons (XEP-0280) and the archive (XEP-0313) for messages that came from far away, with Prosody and with ejabberd:
 * a user there writes to one of our user's two clients, both with carbons on; the other client gets the copy, and the
 * message is in our user's archive afterwards, as is our user's answer.
 */
class FederationArchiveTest {

    @ParameterizedTest
    @EnumSource(PeerFederation.Peer.class)
    void aMessageFromTheOtherServerIsCarbonCopiedAndArchived(PeerFederation.Peer peer) throws Exception {
        peer.requireInstalled();
        try (PeerFederation federation = peer.start(false)) {
            String alice = federation.server().newAccount(PeerFederation.PASSWORD);
            XMPPTCPConnection desk = SmackClients.connect(federation.server(), alice, PeerFederation.PASSWORD, "desk");
            XMPPTCPConnection phone = SmackClients.connect(federation.server(), alice, PeerFederation.PASSWORD, "phone");
            XMPPTCPConnection theirs = federation.bob("laptop");
            try {
                CarbonManager.getInstanceFor(desk).enableCarbons();
                CarbonManager.getInstanceFor(phone).enableCarbons();
                BlockingQueue<Message> atDesk = FederationPeers.messages(desk);
                BlockingQueue<Message> atPhone = FederationPeers.messages(phone);
                BlockingQueue<Message> atTheirs = FederationPeers.messages(theirs);
                // once a session's ping is answered, what it sent before (carbons on, initial presence) is handled
                for (XMPPTCPConnection session : List.of(desk, phone)) {
                    assertThat(PingManager.getInstanceFor(session).pingMyServer(true)).isTrue();
                }

                theirs.sendStanza(StanzaBuilder.buildMessage().to(desk.getUser()).ofType(Message.Type.chat)
                        .setBody("from far away").build());
                Message original = FederationPeers.next(atDesk, "the message at the client it was for\n" + federation.peerLog());
                assertThat(original.getBody()).isEqualTo("from far away");
                assertThat(original.getFrom().toString()).isEqualTo(theirs.getUser().toString());
                Message copy = FederationPeers.next(atPhone, "the carbon at the other client");
                CarbonExtension carbon = CarbonExtension.from(copy);
                assertThat(carbon).as("%s is a carbon", copy).isNotNull();
                assertThat(carbon.getDirection()).isEqualTo(CarbonExtension.Direction.received);
                Message carried = (Message) carbon.getForwarded().getForwardedStanza();
                assertThat(carried.getBody()).isEqualTo("from far away");
                assertThat(carried.getFrom().toString()).isEqualTo(theirs.getUser().toString());

                EntityBareJid bob = theirs.getUser().asEntityBareJid();
                FederationPeers.send(desk, bob, "an answer to far away");
                assertThat(FederationPeers.next(atTheirs, "our answer at the other server").getBody()).isEqualTo("an answer to far away");

                MamManager mam = MamManager.getInstanceFor(phone);
                assertThat(mam.isSupported()).isTrue();
                List<String> archived = mam.queryArchive(MamQueryArgs.builder().limitResultsToJid(bob).setResultPageSizeTo(50)
                        .queryLastPage().build()).getMessages().stream().map(Message::getBody).toList();
                assertThat(archived).containsExactly("from far away", "an answer to far away");
            } finally {
                desk.disconnect();
                phone.disconnect();
                theirs.disconnect();
            }
        }
    }
}
