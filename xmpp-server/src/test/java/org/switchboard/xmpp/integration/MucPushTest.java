package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;

/**
 * XEP-0357 for rooms (issue 15): a member away from a room, and an occupant whose phone sleeps when the message
 * names them, are pushed through the same path as for a direct message; an app server (a raw XEP-0114 component,
 * as in {@link PushTest}) receives the summary, which never carries the room's text.
 */
class MucPushTest {

    private static final String PASSWORD = "muc push password";
    private static final String SECRET = "the treasure is under the oak";
    private static final String HEADER = "<stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.PUSH_COMPONENT + "'>";

    @Test
    void aMemberAwayFromTheGroupIsPushedOncePerBurstAndAMemberInTheRoomIsNot() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket appServer = appServer(running);
             RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk");
             RawXmppSocket carol = MucRaw.session(running, PASSWORD, "desk")) {
            String room = MucRaw.room("group");
            MucRaw.enter(alice, room, "alice", "");
            MucRaw.configure(alice, room, MucRaw.field("membersonly", "1") + MucRaw.field("persistentroom", "1"));

            String bobJid;
            try (RawXmppSocket bob = MucRaw.session(running, PASSWORD, "phone")) {
                bobJid = Jid.parse(fullJidOf(bob)).bare().toString();
                enablePush(bob, "bob-node");
            }
            String carolJid = fullJidOf(carol);
            enablePush(carol, "carol-node");
            carol.send("<presence/>");
            member(alice, room, bobJid);
            member(alice, room, Jid.parse(carolJid).bare().toString());
            MucRaw.enter(carol, room, "carol", "");
            Eventually.until("bob's sessions to end", Duration.ofSeconds(10),
                    () -> running.server.sessions().sessions(Jid.parse(bobJid)).isEmpty());

            MucRaw.say(alice, room, "g1", SECRET);
            MucRaw.say(alice, room, "g2", "and bring a shovel");
            alice.readUntil("id='g2'");

            String publish = appServer.readUntil("</iq>");
            assertThat(publish).contains("<publish node='bob-node'>", "<value>urn:xmpp:push:summary</value>",
                    "<field var='message-count'><value>2</value></field>",
                    "<field var='last-message-sender'><value>" + room + "/alice</value></field>");
            assertThat(publish).doesNotContain("treasure", "shovel", "<body", "last-message-body");
            appServer.send("<iq type='result' id='" + RawXmppSocket.attribute(publish, "id") + "' from='" + RunningServer.PUSH_COMPONENT
                    + "' to='" + RunningServer.DOMAIN + "'/>");

            Thread.sleep(1500); // past the hold-off, so a wrong notification for carol would be on its way
            alice.send("<message to='marker@" + RunningServer.PUSH_COMPONENT + "'><body>marker</body></message>");
            assertThat(appServer.readUntil("</message>")).doesNotContain("<iq").contains("marker");
        }
    }

    @Test
    void anOccupantWhosePhoneSleepsIsPushedWhenNamedAndNotForOtherTalk() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket appServer = appServer(running);
             RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk")) {
            String room = MucRaw.room("open");
            MucRaw.createInstant(alice, room, "alice");
            String daveJid;
            try (RawXmppSocket dave = MucRaw.session(running, PASSWORD, "phone")) {
                daveJid = fullJidOf(dave);
                enablePush(dave, "dave-node");
                RawClient.enableResumption(dave);
                dave.send("<presence/>");
                MucRaw.enter(dave, room, "Dave", "");
            }
            Eventually.until("dave's session to be detached", Duration.ofSeconds(10), () -> running.server.sessions()
                    .session(Jid.parse(daveJid)).map(ClientSession::isDetached).orElse(false));

            MucRaw.say(alice, room, "o1", "anyone seen the keys?");
            MucRaw.say(alice, room, "o2", "dave, " + SECRET);
            alice.readUntil("id='o2'");

            String publish = appServer.readUntil("</iq>");
            assertThat(publish).contains("<publish node='dave-node'>", "<field var='message-count'><value>1</value></field>",
                    "<value>" + room + "/alice</value>");
            assertThat(publish).doesNotContain("treasure", "keys", "<body");
        }
    }

    /** The session's full JID, as the server addresses its answers. */
    private static String fullJidOf(RawXmppSocket raw) throws Exception {
        raw.send("<iq type='get' id='whoami'><ping xmlns='urn:xmpp:ping'/></iq>");
        String answer = MucRaw.untilIq(raw, "whoami");
        return RawXmppSocket.attribute(answer.substring(answer.lastIndexOf("<iq")), "to");
    }

    private static void enablePush(RawXmppSocket raw, String node) throws Exception {
        raw.send("<iq type='set' id='push-" + node + "'><enable xmlns='urn:xmpp:push:0' jid='" + RunningServer.PUSH_COMPONENT
                + "' node='" + node + "'/></iq>");
        assertThat(MucRaw.untilIq(raw, "push-" + node)).contains("type='result'");
    }

    private static void member(RawXmppSocket owner, String room, String bare) throws Exception {
        owner.send("<iq type='set' id='aff' to='" + room + "'><query xmlns='" + MucRaw.MUC + "#admin'><item affiliation='member' jid='"
                + bare + "'/></query></iq>");
        assertThat(MucRaw.untilIq(owner, "aff")).contains("type='result'");
    }

    private static RawXmppSocket appServer(RunningServer running) throws Exception {
        RawXmppSocket component = new RawXmppSocket(running.server.componentPort());
        component.send(HEADER);
        component.readUntil("<stream:stream");
        String header = component.readUntil(">");
        String handshake = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((RawXmppSocket.attribute(header, "id") + RunningServer.PUSH_COMPONENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        component.send("<handshake>" + handshake + "</handshake>");
        component.readUntil("<handshake/>");
        return component;
    }
}
