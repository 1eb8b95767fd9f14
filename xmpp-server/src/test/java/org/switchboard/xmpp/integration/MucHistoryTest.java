package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.MucRaw.enter;
import static org.switchboard.xmpp.integration.MucRaw.say;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Room messages: reflected with the room's stanza id and occupant ids, archived, served as history and by MAM. */
class MucHistoryTest {

    private static final String PASSWORD = "muc history password";
    private static final Pattern STANZA_ID = Pattern.compile("<stanza-id xmlns='urn:xmpp:sid:0' id='([^']+)' by='([^']+)'/>");
    @StartedServer private static RunningServer running;

    @Test
    void messagesCarryTheRoomsStanzaIdAndAreServedAsHistoryAndFromTheRoomArchive() throws Exception {
        String room = MucRaw.room("history");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket bob = MucRaw.session(running, PASSWORD, "phone")) {
            MucRaw.createInstant(alice, room, "alice");
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                say(alice, room, "m" + i, "message " + i);
                String reflected = alice.readUntil("</message>");
                assertThat(reflected).contains("from='" + room + "/alice'").contains("id='m" + i + "'").contains("urn:xmpp:occupant-id:0");
                Matcher sid = STANZA_ID.matcher(reflected);
                assertThat(sid.find()).as(reflected).isTrue();
                assertThat(sid.group(2)).isEqualTo(room);
                ids.add(sid.group(1));
            }

            String entered = enter(bob, room, "bob", "<history maxstanzas='2'/>");
            assertThat(entered).doesNotContain("message 1").contains("message 2").contains("message 3")
                    .contains("<delay xmlns='urn:xmpp:delay' from='" + room + "'");
            assertThat(entered.indexOf("code='110'")).as("history comes after the occupant's own presence").isLessThan(entered.indexOf("message 2"));
            assertThat(entered.indexOf("message 2")).isLessThan(entered.indexOf("message 3"));

            bob.send("<iq type='set' id='mam1' to='" + room + "'><query xmlns='urn:xmpp:mam:2' queryid='q1'/></iq>");
            String results = MucRaw.untilIq(bob, "mam1");
            assertThat(results).contains("message 1").contains("message 2").contains("message 3").contains("complete='true'")
                    .contains("<count>3</count>");
            for (String id : ids) {
                assertThat(results).contains("<result xmlns='urn:xmpp:mam:2' queryid='q1' id='" + id + "'>");
            }

            bob.send("<iq type='set' id='mam2' to='" + room + "'><query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
                    + "<max>1</max><before/></set></query></iq>");
            String last = MucRaw.untilIq(bob, "mam2");
            assertThat(last).contains("message 3").doesNotContain("message 2").doesNotContain("complete='true'");
        }
    }

    @Test
    void historyLimitsBySecondsAndCharactersAndZero() throws Exception {
        String room = MucRaw.room("limits");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket bob = MucRaw.session(running, PASSWORD, "phone");
             RawXmppSocket carol = MucRaw.session(running, PASSWORD, "tablet")) {
            MucRaw.createInstant(alice, room, "alice");
            say(alice, room, "x1", "an old one");
            alice.readUntil("</message>");
            say(alice, room, "x2", "the newest");
            alice.readUntil("</message>");
            String none = enter(bob, room, "bob", "<history maxchars='0'/>");
            assertThat(none).doesNotContain("an old one").doesNotContain("the newest");
            String oneByChars = enter(carol, room, "carol", "<history maxchars='600'/>");
            assertThat(oneByChars).contains("the newest").doesNotContain("an old one");
        }
    }

    @Test
    void theArchiveOfAMembersOnlyRoomIsClosedToOthersAndAMalformedQueryIsNamed() throws Exception {
        String room = MucRaw.room("closed");
        try (RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk"); RawXmppSocket eve = MucRaw.session(running, PASSWORD, "laptop")) {
            MucRaw.enter(alice, room, "alice", "");
            MucRaw.configure(alice, room, MucRaw.field("membersonly", "1"));
            eve.send("<iq type='set' id='mam3' to='" + room + "'><query xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(MucRaw.untilIq(eve, "mam3")).contains("<forbidden").contains("members-only");
            alice.send("<iq type='set' id='mam4' to='" + room + "'><query xmlns='urn:xmpp:mam:2'><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE'><value>urn:xmpp:mam:2</value></field><field var='start'><value>yesterday</value></field>"
                    + "</x></query></iq>");
            assertThat(MucRaw.untilIq(alice, "mam4")).contains("<bad-request").contains("'start' is not a XEP-0082 date");
        }
    }
}
