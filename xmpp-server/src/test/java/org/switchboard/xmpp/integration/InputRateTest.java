package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.transport.InputRate;

/**
 * A client over its input rate, through the real pipeline (TLS, parser, routing): it is slowed, never cut
 * off, and everything it sent arrives, in order. The rate here (8 KiB/s after 4 KiB) is far below the
 * default, so that a 40 KiB burst is held back several times.
 */
class InputRateTest {

    @StartedServer(settings = "smallInputRate") private static RunningServer running;

    static XmppSettings smallInputRate(XmppSettings settings) {
        return settings.withClientInputRate(new InputRate(8 * 1024, 4 * 1024));
    }

    @Test
    void aClientOverItsRateIsSlowedAndLosesNothing() throws Exception {
        String juliet = running.newAccount("juliet pw");
        String romeo = running.newAccount("romeo pw");
        XMPPTCPConnection fast = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", juliet, "juliet pw");
        XMPPTCPConnection reader = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", romeo, "romeo pw");
        try {
            assertThat(PingManager.getInstanceFor(reader).pingMyServer(true)).isTrue();
            StanzaCollector received = reader.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(juliet + "@" + RunningServer.DOMAIN))));
            String padding = "x".repeat(1000);
            for (int i = 0; i < 40; i++) {
                fast.sendStanza(fast.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                        .ofType(Message.Type.chat).setBody(i + " " + padding).build());
            }

            List<String> order = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Message message = received.nextResult(30_000);
                assertThat(message).as("message %d of 40", i).isNotNull();
                order.add(message.getBody().substring(0, message.getBody().indexOf(' ')));
            }
            assertThat(order).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(String::valueOf).toList());
            assertThat(fast.isConnected()).isTrue();
            assertThat(running.meters.get("switchboard.xmpp.input.held").counter().count()).isPositive();
            assertThat(PingManager.getInstanceFor(fast).pingMyServer(true)).isTrue();
        } finally {
            fast.disconnect();
            reader.disconnect();
        }
    }
}
