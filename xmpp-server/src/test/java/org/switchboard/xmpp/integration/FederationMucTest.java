package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A user of a real Prosody, and of a real ejabberd, in a room at {@code conference.<our domain>} (XEP-0045 over s2s):
 * the other server reaches the conference service as a domain of its own, our certificate names it, and the room's
 * stanzas go back from it. That user enters a room our user made, gets our user's presence and the room's history,
 * exchanges room messages with our user, and a private message each way through the room.
 */
class FederationMucTest {

    @ParameterizedTest
    @EnumSource(PeerFederation.Peer.class)
    void aUserOfTheOtherServerEntersTalksAndWhispersInOurRoom(PeerFederation.Peer peer) throws Exception {
        peer.requireInstalled();
        try (PeerFederation federation = peer.start(false)) {
            String alice = federation.server().newAccount(PeerFederation.PASSWORD);
            XMPPTCPConnection ours = SmackClients.connect(federation.server(), alice, PeerFederation.PASSWORD, "desk");
            XMPPTCPConnection theirs = federation.bob("phone");
            try {
                BlockingQueue<Message> atOurs = FederationPeers.messages(ours);
                BlockingQueue<Message> atTheirs = FederationPeers.messages(theirs);
                EntityBareJid room = JidCreate.entityBareFrom(MucRaw.room("federated"));
                MultiUserChat ourRoom = MultiUserChatManager.getInstanceFor(ours).getMultiUserChat(room);
                ourRoom.create(Resourcepart.from("alice")).makeInstant();
                ourRoom.sendMessage("before bob came");
                next(atOurs, Message.Type.groupchat, "before bob came", "our own message reflected");

                MultiUserChat theirRoom = MultiUserChatManager.getInstanceFor(theirs).getMultiUserChat(room);
                theirRoom.join(Resourcepart.from("bob"));
                EntityFullJid aliceInRoom = JidCreate.entityFullFrom(room, Resourcepart.from("alice"));
                EntityFullJid bobInRoom = JidCreate.entityFullFrom(room, Resourcepart.from("bob"));
                assertThat(theirRoom.getOccupants()).as("who the other server's user sees in the room").contains(aliceInRoom, bobInRoom);
                Message history = next(atTheirs, Message.Type.groupchat, "before bob came", "the room's history at the other server\n"
                        + federation.peerLog());
                assertThat(history.getFrom().toString()).isEqualTo(aliceInRoom.toString());
                assertThat(history.hasExtension(DelayInformation.QNAME)).as("history is marked delayed").isTrue();
                Eventually.until("our user sees the other server's user enter", FederationPeers.WAIT,
                        () -> ourRoom.getOccupants().contains(bobInRoom));

                theirRoom.sendMessage("hello from prosody");
                Message fromBob = next(atOurs, Message.Type.groupchat, "hello from prosody", "the other server's user's room message here\n"
                        + federation.peerLog());
                assertThat(fromBob.getFrom().toString()).isEqualTo(bobInRoom.toString());
                ourRoom.sendMessage("hello from switchboard");
                Message fromAlice = next(atTheirs, Message.Type.groupchat, "hello from switchboard", "our room message at the other server");
                assertThat(fromAlice.getFrom().toString()).isEqualTo(aliceInRoom.toString());

                whisper(theirs, aliceInRoom, "a private word");
                Message whisper = next(atOurs, Message.Type.chat, "a private word", "the private message from the other server\n"
                        + federation.peerLog());
                assertThat(whisper.getFrom().toString()).isEqualTo(bobInRoom.toString());
                whisper(ours, bobInRoom, "a private answer");
                Message answer = next(atTheirs, Message.Type.chat, "a private answer", "the private answer at the other server\n"
                        + federation.peerLog());
                assertThat(answer.getFrom().toString()).isEqualTo(aliceInRoom.toString());
            } finally {
                ours.disconnect();
                theirs.disconnect();
            }
        }
    }

    /** A private message to an occupant, through the room (XEP-0045 section 7.5). */
    private static void whisper(XMPPTCPConnection from, EntityFullJid occupant, String body) throws Exception {
        from.sendStanza(StanzaBuilder.buildMessage().to(occupant).ofType(Message.Type.chat).setBody(body)
                .addExtension(new MUCUser()).build());
    }

    /** The next message of {@code type} with {@code body}; others on the way (presence-less chatter, reflections) are passed over. */
    private static Message next(BlockingQueue<Message> messages, Message.Type type, String body, String what) throws InterruptedException {
        while (true) {
            Message message = FederationPeers.next(messages, what);
            if (message.getType() == type && body.equals(message.getBody())) {
                return message;
            }
        }
    }
}
