package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;

/**
 * XEP-0198 on the wire: enabling, counting, and resuming a session on a new connection with the messages
 * the client had not acknowledged sent again, each once — after a dropped socket and before the server
 * has noticed the old one died.
 */
class StreamResumptionTest {

    @StartedServer private static RunningServer running;

    @Test
    void enableAnswersWithAnIdAndTheResumeTimeAndCountsBothWays() throws Exception {
        String user = running.newAccount("password one");
        try (RawXmppSocket raw = RawClient.authenticated(running, user, "password one")) {
            raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            assertThat(raw.readUntil("/>")).contains("<failed xmlns='urn:xmpp:sm:3'><unexpected-request");
            RawClient.bind(raw, "phone");

            raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            String enabled = raw.readUntil("/>");
            assertThat(enabled).startsWith("<enabled xmlns='urn:xmpp:sm:3' id='").endsWith("resume='true' max='300'/>");
            raw.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(raw.readUntil("/>")).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='0'/>");

            raw.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            raw.readUntil("/>");
            raw.send("<iq type='get' id='p2'><ping xmlns='urn:xmpp:ping'/></iq>");
            raw.readUntil("/>");
            raw.send("<r xmlns='urn:xmpp:sm:3'/>");
            String answer = raw.readUntil("<a xmlns='urn:xmpp:sm:3'");
            assertThat(answer + raw.readUntil("/>")).endsWith("<a xmlns='urn:xmpp:sm:3' h='2'/>");

            // the two results were counted; acknowledging three is a broken client
            raw.send("<a xmlns='urn:xmpp:sm:3' h='3'/>");
            assertThat(raw.readToEnd()).contains("<undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .contains("<handled-count-too-high xmlns='urn:xmpp:sm:3' h='3' send-count='2'/>");
        }
    }

    @Test
    void aDroppedConnectionIsDetachedAndResumedWithEveryUnacknowledgedMessageOnce() throws Exception {
        String user = running.newAccount("password one");
        String sender = running.newAccount("sender password");
        XMPPTCPConnection romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
        try {
            RawXmppSocket first = RawClient.authenticated(running, user, "password one");
            String jid = RawClient.bind(first, "phone");
            String id = RawClient.enableResumption(first);
            send(romeo, jid, "m1", "m2", "m3");
            String received = first.readUntil("m3</body>");
            assertThat(RawClient.bodies(received)).containsExactly("m1", "m2", "m3");
            // the client handled one, then its network went away without closing the stream
            first.send("<a xmlns='urn:xmpp:sm:3' h='1'/>");
            first.close();
            Eventually.until("the session to be detached", Duration.ofSeconds(10), () -> session(jid).map(ClientSession::isDetached).orElse(false));

            send(romeo, jid, "m4");
            try (RawXmppSocket second = RawClient.authenticated(running, user, "password one")) {
                second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='1'/>");
                String resumed = second.readUntil("m4</body>");
                assertThat(resumed).startsWith("<resumed xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
                assertThat(RawClient.bodies(resumed)).containsExactly("m2", "m3", "m4");
                assertThat(session(jid)).hasValueSatisfying(s -> assertThat(s.isDetached()).isFalse());

                // the resumed stream goes on counting from where the old one was
                second.send("<a xmlns='urn:xmpp:sm:3' h='4'/>");
                send(romeo, jid, "m5");
                assertThat(RawClient.bodies(second.readUntil("m5</body>"))).containsExactly("m5");
                second.send("<r xmlns='urn:xmpp:sm:3'/>");
                String answered = second.readUntil("<a xmlns='urn:xmpp:sm:3' h='0'/>");
                assertThat(RawClient.bodies(answered)).isEmpty();
                second.send("<a xmlns='urn:xmpp:sm:3' h='5'/></stream:stream>");
                second.readToEnd();
            }
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void aClientBackBeforeTheServerNoticedTakesItsSessionFromTheOldConnection() throws Exception {
        String user = running.newAccount("password one");
        String sender = running.newAccount("sender password");
        XMPPTCPConnection romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
        try (RawXmppSocket old = RawClient.authenticated(running, user, "password one")) {
            String jid = RawClient.bind(old, "phone");
            String id = RawClient.enableResumption(old);
            send(romeo, jid, "m1");
            old.readUntil("m1</body>");

            try (RawXmppSocket fresh = RawClient.authenticated(running, user, "password one")) {
                fresh.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
                assertThat(RawClient.bodies(fresh.readUntil("m1</body>"))).containsExactly("m1");
                // the old connection is closed without a stream error: the session lives on elsewhere
                assertThat(old.readToEnd()).doesNotContain("stream:error").doesNotContain(">m2<");

                send(romeo, jid, "m2");
                assertThat(RawClient.bodies(fresh.readUntil("m2</body>"))).containsExactly("m2");
                assertThat(session(jid)).hasValueSatisfying(s -> assertThat(s.isDetached()).isFalse());
            }
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void resumptionIsRefusedForUnknownIdsAndForAnotherAccountsSession() throws Exception {
        String owner = running.newAccount("password one");
        String intruder = running.newAccount("password two");
        try (RawXmppSocket victim = RawClient.authenticated(running, owner, "password one")) {
            RawClient.bind(victim, "phone");
            String id = RawClient.enableResumption(victim);
            try (RawXmppSocket other = RawClient.authenticated(running, intruder, "password two")) {
                other.send("<resume xmlns='urn:xmpp:sm:3' previd='no-such-id' h='0'/>");
                assertThat(other.readUntil("</failed>")).contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
                other.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");
                assertThat(other.readUntil("</failed>")).contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
            }
            // the owner's stream was not touched
            victim.send("<iq type='get' id='still'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(victim.readUntil("/>")).contains("id='still'");
        }
    }

    @Test
    void smackNegotiatesStreamManagement() throws Exception {
        String user = running.newAccount("password one");
        XMPPTCPConnection connection = SmackClients.connectWithStreamManagement(running, user, "password one");
        try {
            assertThat(connection.isSmAvailable()).as("sm feature seen").isTrue();
            assertThat(connection.isSmEnabled()).isTrue();
            assertThat(PingManager.getInstanceFor(connection).pingMyServer(true)).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    static Optional<ClientSession> session(String fullJid) {
        return running.server.sessions().session(Jid.parse(fullJid));
    }

    /** Sends chat messages with these bodies and waits until the server has handled them (its pings go in order). */
    static void send(XMPPTCPConnection from, String to, String... bodies) throws Exception {
        for (String body : bodies) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                    .setBody(body).build());
        }
        assertThat(PingManager.getInstanceFor(from).pingMyServer(true)).isTrue();
    }
}
