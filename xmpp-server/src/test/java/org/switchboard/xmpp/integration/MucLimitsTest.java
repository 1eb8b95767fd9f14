package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.MucRaw.enter;
import static org.switchboard.xmpp.integration.MucRaw.field;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;

/** The service's limits and its answers to malformed and oversized input: each refusal names what was wrong. */
class MucLimitsTest {

    private static final String PASSWORD = "muc limits password";
    @StartedServer(settings = "twoRoomsThreeMessagesAMinute") private static RunningServer running;

    /** Two rooms an account, three messages a minute (a burst of one). */
    static XmppSettings twoRoomsThreeMessagesAMinute(XmppSettings settings) {
        return settings.with(s -> s.muc = s.muc.withLimits(2, 500, 3));
    }

    @Test
    void anAccountMayCreateOnlyItsShareOfRooms() throws Exception {
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk")) {
            MucRaw.createInstant(alice, MucRaw.room("one"), "alice");
            MucRaw.createInstant(alice, MucRaw.room("two"), "alice");
            alice.send("<presence to='" + MucRaw.room("three") + "/alice'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(alice.readUntil("</presence>")).contains("type='error'").contains("<not-allowed")
                    .contains("the most this service allows (2)");
        }
    }

    @Test
    void anOccupantSendingTooFastIsToldToWait() throws Exception {
        String room = MucRaw.room("rate");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk")) {
            MucRaw.createInstant(alice, room, "alice");
            MucRaw.say(alice, room, "r1", "first");
            assertThat(alice.readUntil("</message>")).contains("first").doesNotContain("type='error'");
            MucRaw.say(alice, room, "r2", "second");
            assertThat(alice.readUntil("</message>")).contains("type='error'").contains("<resource-constraint")
                    .contains("3 messages a minute");
        }
    }

    @Test
    void malformedNicksFormsAndSubjectsAreRefusedByName() throws Exception {
        String room = MucRaw.room("hostile");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket eve = MucRaw.session(running, PASSWORD, "laptop")) {
            alice.send("<presence to='" + room + "'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(alice.readUntil("</presence>")).contains("<jid-malformed").contains("a nick is needed");
            alice.send("<presence to='" + room + "/   '><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(alice.readUntil("</presence>")).contains("<jid-malformed");

            enter(alice, room, "alice", "");
            assertThat(MucRaw.configure(alice, room, field("maxusers", "lots"))).contains("<not-acceptable").contains("maxusers is not a number");
            assertThat(MucRaw.configure(alice, room, field("maxusers", "100000"))).contains("<not-acceptable").contains("between 1 and 500");
            assertThat(MucRaw.configure(alice, room, field("roomname", "x".repeat(2000)))).contains("<not-acceptable")
                    .contains("roomname is longer than 1024");
            assertThat(MucRaw.configure(alice, room, field("whois", "everybody"))).contains("<not-acceptable").contains("whois");
            assertThat(MucRaw.configure(alice, room, field("persistentroom", "maybe"))).contains("<not-acceptable").contains("boolean");
            assertThat(MucRaw.configure(alice, room, field("passwordprotectedroom", "1"))).contains("<not-acceptable").contains("roomsecret");
            assertThat(MucRaw.configure(alice, room, field("roomowners", "not a jid@@"))).contains("<not-acceptable").contains("not a JID");

            assertThat(MucRaw.configure(alice, room, "")).as("none of these changed or unlocked the room").contains("type='result'");
            alice.send("<message type='groupchat' id='s1' to='" + room + "'><subject>" + "s".repeat(2000) + "</subject></message>");
            assertThat(alice.readUntil("</message>")).contains("<not-acceptable").contains("subject is longer than 1024");

            eve.send("<message type='groupchat' id='e1' to='" + room + "'><body>not in the room</body></message>");
            assertThat(eve.readUntil("</message>")).contains("<not-acceptable").contains("join it first");
            eve.send("<iq type='set' id='e2' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                    + "<destroy/></query></iq>");
            assertThat(MucRaw.untilIq(eve, "e2")).contains("<forbidden").contains("only the room's owners");
            eve.send("<iq type='get' id='e3' to='" + room + "/alice'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(MucRaw.untilIq(eve, "e3")).contains("<not-acceptable").contains("not an occupant");
            eve.send("<presence to='" + room + "/alice'><x xmlns='" + MucRaw.MUC + "'/></presence>");
            assertThat(eve.readUntil("</presence>")).contains("<conflict").contains("in use");
        }
    }
}
