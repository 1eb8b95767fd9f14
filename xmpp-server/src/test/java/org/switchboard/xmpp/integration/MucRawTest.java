package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** XEP-0045 on the wire, with raw sockets: what exactly the room sends, and its answers to hostile input. */
class MucRawTest {

    private static final String PASSWORD = "muc raw password";
    private static final String SERVICE = "conference." + RunningServer.DOMAIN;
    @StartedServer private static RunningServer running;

    private static RawXmppSocket session(String resource) throws Exception {
        String user = running.newAccount(PASSWORD);
        RawXmppSocket raw = RawClient.authenticated(running, user, PASSWORD);
        RawClient.bind(raw, resource);
        return raw;
    }

    private static String room() {
        return "raw-" + System.nanoTime() + "@" + SERVICE;
    }

    @Test
    void theOnlyOccupantLeavingATemporaryRoomGetsItsOwnUnavailablePresenceAndTheRoomIsGone() throws Exception {
        String room = room();
        try (RawXmppSocket alice = session("desk")) {
            alice.send("<presence to='" + room + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            String joined = alice.readUntil("</message>");
            assertThat(joined).contains("code='110'").contains("code='201'").contains("<subject");
            alice.send("<presence type='unavailable' to='" + room + "/alice'/>");
            String left = alice.readUntil("</presence>");
            assertThat(left).contains("type='unavailable'").contains("code='110'").contains("from='" + room + "/alice'");
            alice.send("<iq type='get' id='info1' to='" + room + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(alice.readUntil("</iq>")).contains("type='error'").contains("item-not-found");
            alice.send("<presence to='" + room + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            assertThat(alice.readUntil("</message>")).as("the room is made again").contains("code='201'");
        }
    }

    @Test
    void aNickChangeIsOneUnavailablePresenceWith303AndOneAvailableUnderTheNewNick() throws Exception {
        String room = room();
        try (RawXmppSocket alice = session("desk"); RawXmppSocket bob = session("phone")) {
            alice.send("<presence to='" + room + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            alice.readUntil("</message>");
            alice.send("<iq type='set' id='c1' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                    + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
            alice.readUntil("id='c1'");
            bob.send("<presence to='" + room + "/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            bob.readUntil("</message>");
            alice.readUntil("</presence>");
            bob.send("<presence to='" + room + "/robert'/>");
            String seen = bob.readUntil("from='" + room + "/robert'");
            seen += bob.readUntil("</presence>");
            bob.send("<iq type='get' id='p1' to='" + room + "/robert'><ping xmlns='urn:xmpp:ping'/></iq>");
            seen += bob.readUntil("id='p1'");
            seen += bob.readUntil(">");
            assertThat(seen.split("type='unavailable'", -1)).as(seen).hasSize(2);
            assertThat(seen).contains("code='303'").contains("nick='robert'").contains("id='p1'").contains("type='result'");
        }
    }

    @Test
    void leavingANewRoomAtOnceAndComingBackMakesItAgain() throws Exception {
        String room = room();
        try (RawXmppSocket alice = session("desk")) {
            for (int i = 0; i < 5; i++) {
                alice.send("<presence id='j" + i + "' to='" + room + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
                alice.readUntil("code='110'");
                alice.send("<presence id='l" + i + "' type='unavailable' to='" + room + "/alice'/>");
                alice.readUntil("id='l" + i + "'");
                alice.send("<presence id='r" + i + "' to='" + room + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
                assertThat(alice.readUntil("id='r" + i + "'")).contains("<presence");
                alice.readUntil("<subject");
                alice.send("<presence id='x" + i + "' type='unavailable' to='" + room + "/alice'/>");
                alice.readUntil("id='x" + i + "'");
            }
        }
    }
}
