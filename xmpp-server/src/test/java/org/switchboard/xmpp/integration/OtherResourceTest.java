package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.offline.OfflineStore;

/**
 * When a detached session expires while the account has another resource online, what the phone had not
 * acknowledged reaches that resource once: messages to the phone's own JID are handed over, messages to the
 * bare JID the other resource received already are not given to it a second time.
 */
class OtherResourceTest {

    @StartedServer(settings = "DetachedSessionTest#shortResumption") private static RunningServer running;

    @Test
    void theOtherResourceGetsEachMessageOnce() throws Exception {
        String user = running.newAccount("password one");
        String sender = running.newAccount("sender password");
        XMPPTCPConnection desk = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "password one");
        XMPPTCPConnection romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", sender, "sender password");
        StanzaCollector atDesk = desk.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        String bare = user + "@" + RunningServer.DOMAIN;
        try {
            String jid;
            try (RawXmppSocket phone = RawClient.authenticated(running, user, "password one")) {
                jid = RawClient.bind(phone, "phone");
                phone.send("<presence/>");
                phone.send("<iq type='get' id='settled'><ping xmlns='urn:xmpp:ping'/></iq>");
                phone.readUntil("id='settled'");
                phone.readUntil("/>");
                RawClient.enableResumption(phone);
                StreamResumptionTest.send(romeo, bare, "to both 1");
                StreamResumptionTest.send(romeo, jid, "to the phone 1");
                phone.readUntil("to the phone 1</body>");
            }
            Eventually.until("the phone's session to be detached", Duration.ofSeconds(10),
                    () -> running.server.sessions().session(Jid.parse(jid)).map(s -> s.isDetached()).orElse(false));
            StreamResumptionTest.send(romeo, bare, "to both 2");
            StreamResumptionTest.send(romeo, jid, "to the phone 2");
            Eventually.until("the detached session to end", Duration.ofSeconds(10),
                    () -> running.server.sessions().session(Jid.parse(jid)).isEmpty());

            assertThat(PingManager.getInstanceFor(desk).pingMyServer(true)).isTrue();
            List<String> bodies = new ArrayList<>();
            for (Stanza next; (next = atDesk.pollResult()) != null; ) {
                bodies.add(((Message) next).getBody());
            }
            assertThat(bodies).containsExactlyInAnyOrder("to both 1", "to the phone 1", "to both 2", "to the phone 2");
            assertThat(new OfflineStore(TestDatabase.client(), 1000).count(Jid.parse(bare)).block()).isZero();
        } finally {
            romeo.disconnect();
            desk.disconnect();
        }
    }
}
