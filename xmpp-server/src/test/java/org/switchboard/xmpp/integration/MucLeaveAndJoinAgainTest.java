package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * What SINT's {@code mucLeaveTest} and {@code mucTestPersistentAffiliation} do, with the Smack the server's tests use:
 * one {@link MultiUserChat} enters a new room, leaves it (the temporary room goes with its last occupant) and enters
 * again at once, over a stream-managed connection. Each entry is answered with the self-presence, a new room's with
 * 201 (XEP-0045 section 10.1.1), and each leave with the occupant's own unavailable presence (110). SINT's Smack
 * (4.5.0-beta5) cannot run this sequence reliably: its {@code MultiUserChat} stalls its own reader thread for the
 * reply timeout when the leave's presence listener and the next join meet on the room's lock
 * ({@code xmpp-sint/DISABLED.md}); 4.5.0-rc1 runs listeners before collectors and does not.
 */
class MucLeaveAndJoinAgainTest {

    private static final String PASSWORD = "muc leave and join password";
    private static final int CYCLES = 10;

    @Test
    void enteringARoomJustLeftIsAnsweredEachTimeAndMakesTheRoomAgain() throws Exception {
        try (RunningServer running = new RunningServer()) {
            XMPPTCPConnection alice = SmackClients.connectWithStreamManagement(running, running.newAccount(PASSWORD), PASSWORD);
            MultiUserChat muc = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(JidCreate.entityBareFrom(MucRaw.room("again")));
            Resourcepart nick = Resourcepart.from("alice");
            for (int i = 0; i < CYCLES; i++) {
                assertThat(statuses(muc.join(nick))).as("entry %d", i).contains(MUCUser.Status.PRESENCE_TO_SELF_110, MUCUser.Status.ROOM_CREATED_201);
                assertThat(statuses(muc.leave())).as("leave %d", i).contains(MUCUser.Status.PRESENCE_TO_SELF_110);
                assertThat(statuses(muc.join(nick))).as("entry again %d", i).contains(MUCUser.Status.ROOM_CREATED_201);
                assertThat(muc.getOccupantsCount()).isEqualTo(1);
                muc.leave();
            }
            alice.disconnect();
        }
    }

    private static Set<MUCUser.Status> statuses(Presence presence) {
        MUCUser user = MUCUser.from(presence);
        assertThat(user).as("%s carries the muc#user element", presence).isNotNull();
        return user.getStatus();
    }
}
