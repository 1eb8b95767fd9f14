package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.SessionTimeouts;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import org.switchboard.common.testing.TestDatabase;

/**
 * A detached session that is not resumed in time ends, and the messages its client had not acknowledged
 * go to offline storage once each, to be delivered with a delay stamp at the next login.
 */
class DetachedSessionTest {

    /** Resumable for one second, so the test sees the timeout pass. */
    static final SessionTimeouts SHORT_RESUMPTION = new SessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(90), Duration.ofSeconds(30));

    @StartedServer(settings = "shortResumption") private static RunningServer running;

    static XmppSettings shortResumption(XmppSettings settings) {
        return settings.withSessionTimeouts(SHORT_RESUMPTION);
    }

    @Test
    void unacknowledgedMessagesOfAnExpiredSessionAreStoredOnceAndDeliveredWithADelayStamp() throws Exception {
        String user = running.newAccount("password one");
        String sender = running.newAccount("sender password");
        XMPPTCPConnection romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
        try {
            String jid;
            try (RawXmppSocket phone = RawClient.authenticated(running, user, "password one")) {
                jid = RawClient.bind(phone, "phone");
                RawClient.enableResumption(phone);
                StreamResumptionTest.send(romeo, jid, "seen", "unseen 1", "unseen 2");
                phone.readUntil("unseen 2</body>");
                phone.send("<a xmlns='urn:xmpp:sm:3' h='1'/>");
            }
            Eventually.until("the session to be detached", Duration.ofSeconds(10),
                    () -> session(jid).map(ClientSession::isDetached).orElse(false));
            StreamResumptionTest.send(romeo, jid, "while away");
            Eventually.until("the detached session to end", Duration.ofSeconds(10), () -> session(jid).isEmpty());

            OfflineStore offline = new OfflineStore(TestDatabase.client(), 1000);
            assertThat(offline.count(Jid.parse(jid).bare()).block()).isEqualTo(3);

            XMPPTCPConnection desk = loginWithoutPresence(user, "password one");
            try {
                StanzaCollector messages = desk.createStanzaCollector(StanzaTypeFilter.MESSAGE);
                desk.sendStanza(desk.getStanzaFactory().buildPresenceStanza().build());
                // stanzas of one session are handled in order: the ping is answered after the stored messages went out
                assertThat(PingManager.getInstanceFor(desk).pingMyServer(true)).isTrue();
                List<Message> delivered = new ArrayList<>();
                for (Stanza next; (next = messages.pollResult()) != null; ) {
                    delivered.add((Message) next);
                }
                assertThat(delivered).extracting(Message::getBody).containsExactly("unseen 1", "unseen 2", "while away");
                assertThat(delivered).allSatisfy(message -> assertThat(DelayInformation.from(message)).isNotNull());
                assertThat(offline.count(Jid.parse(jid).bare()).block()).isZero();
            } finally {
                desk.disconnect();
            }
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void aServerThatStopsStoresWhatItsDetachedSessionsHeld() throws Exception {
        RunningServer stopping = new RunningServer();
        String jid;
        try {
            String user = stopping.newAccount("password one");
            String sender = stopping.newAccount("sender password");
            XMPPTCPConnection romeo = SmackClients.connect(stopping, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
            try (RawXmppSocket phone = RawClient.authenticated(stopping, user, "password one")) {
                jid = RawClient.bind(phone, "phone");
                RawClient.enableResumption(phone);
            }
            String detachedJid = jid;
            Eventually.until("the session to be detached", Duration.ofSeconds(10), () -> stopping.server.sessions()
                    .session(Jid.parse(detachedJid)).map(ClientSession::isDetached).orElse(false));
            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(org.jxmpp.jid.impl.JidCreate.from(jid))
                    .ofType(Message.Type.chat).setBody("queued").build());
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
            romeo.disconnect();
        } finally {
            stopping.close();
        }
        assertThat(new OfflineStore(TestDatabase.client(), 1000).count(Jid.parse(jid).bare()).block()).isEqualTo(1);
    }

    /**
     * A stopping server ends every detached session at once and has a bounded time before its database goes: the
     * messages they held are stored in a few statements, all of them and each account's in the order they came.
     */
    @Test
    void aServerThatStopsStoresEveryMessageOfManyDetachedSessionsInOrder() throws Exception {
        int accounts = 3;
        int each = 200;
        RunningServer stopping = new RunningServer();
        java.util.List<String> jids = new java.util.ArrayList<>();
        try {
            String sender = stopping.newAccount("sender password");
            XMPPTCPConnection romeo = SmackClients.connect(stopping, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
            for (int a = 0; a < accounts; a++) {
                String user = stopping.newAccount("password " + a);
                try (RawXmppSocket phone = RawClient.authenticated(stopping, user, "password " + a)) {
                    jids.add(RawClient.bind(phone, "phone"));
                    RawClient.enableResumption(phone);
                }
            }
            for (String jid : jids) {
                Eventually.until("the session to be detached", Duration.ofSeconds(10), () -> stopping.server.sessions()
                        .session(Jid.parse(jid)).map(ClientSession::isDetached).orElse(false));
            }
            for (int i = 0; i < each; i++) {
                for (String jid : jids) {
                    romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(org.jxmpp.jid.impl.JidCreate.from(jid))
                            .ofType(Message.Type.chat).setBody("queued " + i).build());
                }
            }
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
            romeo.disconnect();
        } finally {
            stopping.close();
        }
        OfflineStore offline = new OfflineStore(TestDatabase.client(), 1000);
        java.util.List<String> expected = java.util.stream.IntStream.range(0, each).mapToObj(i -> "queued " + i).toList();
        for (String jid : jids) {
            assertThat(offline.messages(Jid.parse(jid).bare()).map(stored -> stored.message().element().childText("body", org.switchboard.xmpp.stanza.Namespaces.CLIENT))
                    .collectList().block()).as("what %s held", jid).containsExactlyElementsOf(expected);
        }
    }

    private static java.util.Optional<ClientSession> session(String fullJid) {
        return running.server.sessions().session(Jid.parse(fullJid));
    }

    private static XMPPTCPConnection loginWithoutPresence(String user, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(running.server.c2sPort())
                .setUsernameAndPassword(user, password)
                .setResource("desk")
                .setCustomX509TrustManager(running.trustManager)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false)
                .build());
        connection.connect().login();
        return connection;
    }
}
