package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.MucRaw.enter;
import static org.switchboard.xmpp.integration.MucRaw.field;

import org.junit.jupiter.api.Test;

/** A persistent room keeps its configuration, affiliations, subject and archive across a restart; a temporary one does not. */
class MucRestartTest {

    private static final String PASSWORD = "muc restart password";

    @Test
    void aPersistentRoomComesBackAfterARestartAndATemporaryOneDoesNot() throws Exception {
        String kept = MucRaw.room("kept");
        String temporary = MucRaw.room("temporary");
        String alice;
        String bob;
        String eve;
        try (RunningServer first = new RunningServer()) {
            alice = first.newAccount(PASSWORD);
            bob = first.newAccount(PASSWORD);
            eve = first.newAccount(PASSWORD);
            try (RawXmppSocket owner = RawClient.authenticated(first, alice, PASSWORD)) {
                RawClient.bind(owner, "desk");
                enter(owner, kept, "alice", "");
                assertThat(MucRaw.configure(owner, kept, field("persistentroom", "1") + field("membersonly", "1")
                        + field("roomname", "Kept"))).contains("type='result'");
                owner.send("<iq type='set' id='m1' to='" + kept + "'><query xmlns='http://jabber.org/protocol/muc#admin'><item jid='"
                        + bob + "@" + RunningServer.DOMAIN + "' affiliation='member'/></query></iq>");
                MucRaw.untilIq(owner, "m1");
                owner.send("<message type='groupchat' id='s1' to='" + kept + "'><subject>before the restart</subject></message>");
                owner.readUntil("</message>");
                MucRaw.say(owner, kept, "b1", "kept across restarts");
                owner.readUntil("</message>");
                MucRaw.createInstant(owner, temporary, "alice");
            }
        }
        try (RunningServer second = new RunningServer();
             RawXmppSocket member = RawClient.authenticated(second, bob, PASSWORD);
             RawXmppSocket stranger = RawClient.authenticated(second, eve, PASSWORD)) {
            RawClient.bind(member, "phone");
            RawClient.bind(stranger, "laptop");
            String entered = enter(member, kept, "bob", "");
            assertThat(entered).contains("kept across restarts").contains("<subject>before the restart</subject>")
                    .contains("affiliation='member'");
            stranger.send("<presence to='" + kept + "/eve'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(stranger.readUntil("</presence>")).contains("<registration-required");
            member.send("<iq type='get' id='i1' to='" + temporary + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(MucRaw.untilIq(member, "i1")).contains("<item-not-found");
            member.send("<iq type='get' id='i2' to='" + kept + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(MucRaw.untilIq(member, "i2")).contains("name='Kept'").contains("muc_persistent").contains("muc_membersonly");
        }
    }
}
