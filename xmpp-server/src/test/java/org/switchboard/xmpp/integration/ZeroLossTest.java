package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.stanza.Jid;

/**
 * No message the server acknowledged is lost or doubled: a stream-managed sender sends 1,000 messages to a
 * recipient whose connection is cut in the middle of the burst and who does not resume. The messages it
 * had handled (and acknowledged) before the cut, and those delivered at its next login, together are
 * exactly the messages acknowledged to the sender, each once.
 */
class ZeroLossTest {

    private static final int MESSAGES = 1000;
    private static final int HANDLED_BEFORE_CUT = 300;
    /** The sender waits here until the cut, so the cut falls in the middle of the burst. */
    private static final int SENT_BEFORE_CUT = 500;

    @StartedServer(settings = "DetachedSessionTest#shortResumption") private static RunningServer running;

    @Test
    void everyAcknowledgedMessageArrivesExactlyOnce() throws Exception {
        String recipient = running.newAccount("recipient password");
        String sender = running.newAccount("sender password");
        RawXmppSocket phone = RawClient.authenticated(running, recipient, "recipient password");
        String jid = RawClient.bind(phone, "phone");
        RawClient.enableResumption(phone);

        XMPPTCPConnection romeo = SmackClients.connectWithStreamManagement(running, sender, "sender password");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        romeo.addStanzaAcknowledgedListener(stanza -> {
            if (stanza instanceof Message && stanza.getStanzaId() != null && stanza.getStanzaId().startsWith("z-")) {
                acknowledged.add(stanza.getStanzaId());
            }
        });
        CountDownLatch cut = new CountDownLatch(1);
        Thread burst = new Thread(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == SENT_BEFORE_CUT && !cut.await(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("the recipient never cut its connection");
                    }
                    romeo.sendStanza(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("z-" + i)
                            .to(JidCreate.from(jid)).ofType(Message.Type.chat).setBody("message " + i).build());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "burst");
        burst.start();

        List<String> handledBeforeCut = new ArrayList<>();
        try (phone) {
            while (handledBeforeCut.size() < HANDLED_BEFORE_CUT) {
                String next = phone.readUntil("</message>");
                if (next.contains("<r xmlns='urn:xmpp:sm:3'/>")) {
                    // the request came before this message: only what was handled before it is counted
                    phone.send("<a xmlns='urn:xmpp:sm:3' h='" + handledBeforeCut.size() + "'/>");
                }
                handledBeforeCut.add(RawXmppSocket.attribute(next.substring(next.lastIndexOf("<message")), "id"));
            }
            phone.send("<a xmlns='urn:xmpp:sm:3' h='" + HANDLED_BEFORE_CUT + "'/><r xmlns='urn:xmpp:sm:3'/>");
            // the answer to <r/> shows the server has taken the <a/>; what arrives meanwhile is never handled
            phone.readUntil("<a xmlns='urn:xmpp:sm:3' h='0'/>");
        }
        cut.countDown();
        burst.join(TimeUnit.SECONDS.toMillis(60));

        romeo.requestSmAcknowledgement();
        Eventually.until("every message to be acknowledged to the sender", Duration.ofSeconds(60),
                () -> acknowledged.size() == MESSAGES);
        romeo.disconnect();
        Eventually.until("the detached session to end", Duration.ofSeconds(60),
                () -> running.server.sessions().session(Jid.parse(jid)).isEmpty());

        List<Message> deliveredLater = loginAndCollect(recipient, "recipient password");
        List<String> laterIds = deliveredLater.stream().map(Message::getStanzaId).toList();
        Set<String> all = new HashSet<>(handledBeforeCut);
        all.addAll(laterIds);
        assertThat(all).as("nothing acknowledged is lost").isEqualTo(acknowledged);
        assertThat(laterIds).as("nothing arrives twice").doesNotHaveDuplicates().hasSize(MESSAGES - HANDLED_BEFORE_CUT);
        assertThat(handledBeforeCut).doesNotHaveDuplicates().doesNotContainAnyElementsOf(laterIds);
        assertThat(deliveredLater).allSatisfy(message -> assertThat(DelayInformation.from(message)).isNotNull());
    }

    /** Logs in on another resource and takes what is delivered up to the answer of a ping sent after initial presence. */
    private static List<Message> loginAndCollect(String user, String password) throws Exception {
        XMPPTCPConnection desk = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(running.server.c2sPort())
                .setUsernameAndPassword(user, password)
                .setResource("desk")
                .setCustomX509TrustManager(running.trustManager)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false)
                .build());
        desk.connect().login();
        try {
            StanzaCollector messages = desk.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            desk.sendStanza(desk.getStanzaFactory().buildPresenceStanza().build());
            assertThat(PingManager.getInstanceFor(desk).pingMyServer(true)).isTrue();
            List<Message> delivered = new ArrayList<>();
            for (Stanza next; (next = messages.pollResult()) != null; ) {
                delivered.add((Message) next);
            }
            return delivered;
        } finally {
            desk.disconnect();
        }
    }
}
