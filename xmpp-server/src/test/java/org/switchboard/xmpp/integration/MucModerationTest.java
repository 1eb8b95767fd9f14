package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.MucRaw.enter;
import static org.switchboard.xmpp.integration.MucRaw.field;

import org.junit.jupiter.api.Test;

/** Kick, ban, members-only, passwords, private messages, invitations and destruction, on the wire. */
class MucModerationTest {

    private static final String PASSWORD = "muc moderation password";
    private static final String ADMIN = "http://jabber.org/protocol/muc#admin";
    @StartedServer private static RunningServer running;

    @Test
    void aKickedOccupantSees307AndABannedOneCannotComeBack() throws Exception {
        String room = MucRaw.room("kick");
        String bobUser = running.newAccount(PASSWORD);
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket bob = RawClient.authenticated(running, bobUser, PASSWORD)) {
            RawClient.bind(bob, "phone");
            MucRaw.createInstant(alice, room, "alice");
            enter(bob, room, "bob", "");
            alice.readUntil("</presence>");

            alice.send("<iq type='set' id='k1' to='" + room + "'><query xmlns='" + ADMIN + "'><item nick='bob' role='none'>"
                    + "<reason>spam</reason></item></query></iq>");
            String kicked = bob.readUntil("</presence>");
            assertThat(kicked).contains("type='unavailable'").contains("code='307'").contains("code='110'").contains("<reason>spam</reason>")
                    .contains("<actor nick='alice'/>");
            assertThat(MucRaw.untilIq(alice, "k1")).contains("code='307'").contains("type='result'");

            enter(bob, room, "bob", "");
            alice.readUntil("</presence>");
            alice.send("<iq type='set' id='b1' to='" + room + "'><query xmlns='" + ADMIN + "'><item jid='" + bobUser + "@"
                    + RunningServer.DOMAIN + "' affiliation='outcast'/></query></iq>");
            assertThat(bob.readUntil("</presence>")).contains("type='unavailable'").contains("code='301'").contains("affiliation='outcast'");
            MucRaw.untilIq(alice, "b1");

            bob.send("<presence to='" + room + "/bob'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(bob.readUntil("</presence>")).contains("type='error'").contains("<forbidden").contains("banned");

            alice.send("<iq type='get' id='l1' to='" + room + "'><query xmlns='" + ADMIN + "'><item affiliation='outcast'/></query></iq>");
            assertThat(MucRaw.untilIq(alice, "l1")).contains("jid='" + bobUser + "@" + RunningServer.DOMAIN + "'");
        }
    }

    @Test
    void membersOnlyAndPasswordRoomsRefuseWithTheirOwnErrors() throws Exception {
        String room = MucRaw.room("closed");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket bob = MucRaw.session(running, PASSWORD, "phone")) {
            enter(alice, room, "alice", "");
            assertThat(MucRaw.configure(alice, room, field("passwordprotectedroom", "1") + field("roomsecret", "s3same")))
                    .contains("type='result'");
            bob.send("<presence to='" + room + "/bob'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(bob.readUntil("</presence>")).contains("<not-authorized").contains("needs a password");
            bob.send("<presence to='" + room + "/bob'><x xmlns='" + MucRaw.MUC + "'><password>wrong</password></x></presence>");
            assertThat(bob.readUntil("</presence>")).contains("<not-authorized").contains("wrong password");
            assertThat(enter(bob, room, "bob", "<password>s3same</password>")).contains("code='110'");

            String other = MucRaw.room("members");
            enter(alice, other, "alice", "");
            MucRaw.configure(alice, other, field("membersonly", "1"));
            bob.send("<presence to='" + other + "/bob'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(bob.readUntil("</presence>")).contains("<registration-required").contains("members-only");
        }
    }

    @Test
    void privateMessagesInvitationsAndDestructionWithAnAlternateVenue() throws Exception {
        String room = MucRaw.room("pm");
        String carolUser = running.newAccount(PASSWORD);
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket bob = MucRaw.session(running, PASSWORD, "phone");
             RawXmppSocket carol = RawClient.authenticated(running, carolUser, PASSWORD)) {
            RawClient.bind(carol, "tablet");
            carol.send("<presence/>");   // available, so a message to the bare JID reaches this session
            MucRaw.createInstant(alice, room, "alice");
            enter(bob, room, "bob", "");
            alice.readUntil("</presence>");

            alice.send("<message type='chat' id='pm1' to='" + room + "/bob'><body>just between us</body></message>");
            String pm = bob.readUntil("</message>");
            assertThat(pm).contains("from='" + room + "/alice'").contains("just between us").contains("muc#user")
                    .doesNotContain(RunningServer.DOMAIN + "/desk");
            alice.send("<message type='chat' id='pm2' to='" + room + "/nobody'><body>hello?</body></message>");
            assertThat(alice.readUntil("</message>")).contains("<item-not-found").contains("'nobody'");

            alice.send("<message to='" + room + "'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='" + carolUser + "@"
                    + RunningServer.DOMAIN + "'><reason>join us</reason></invite></x></message>");
            String invitation = carol.readUntil("</message>");
            assertThat(invitation).contains("from='" + room + "'").contains("<invite from='").contains("join us")
                    .contains("jabber:x:conference");

            alice.send("<iq type='set' id='d1' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                    + "<destroy jid='elsewhere@" + MucRaw.SERVICE + "'><reason>moving</reason></destroy></query></iq>");
            String destroyed = bob.readUntil("</presence>");
            assertThat(destroyed).contains("type='unavailable'").contains("<destroy jid='elsewhere@" + MucRaw.SERVICE + "'>")
                    .contains("moving");
            assertThat(MucRaw.untilIq(alice, "d1")).contains("type='result'");
            bob.send("<message type='groupchat' id='g1' to='" + room + "'><body>still there?</body></message>");
            assertThat(bob.readUntil("</message>")).contains("<item-not-found");
        }
    }
}
