package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** A person texts through their own host: send command, reports, receipt (host-protocol.md sections 4.1, 5.1). */
class SmsSendTest {

    @StartedServer(settings = "SmsTestKit#fast") private static RunningServer running;

    static XMPPTCPConnection person(String user) throws Exception {
        return SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, SmsTestKit.PASSWORD);
    }

    static void send(XMPPTCPConnection person, String to, String id, String body) throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage(id)
                .to(JidCreate.entityBareFrom(to + "@" + SmsTestKit.GATEWAY))
                .ofType(Message.Type.chat).setBody(body)
                .addExtension(new DeliveryReceiptRequest()).build());
        // one session's stanzas are handled in order: once the ping is answered, the message is committed
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    @Test
    void hostOnlineSendsAndThePersonGetsAReceiptOnceEveryPartIsDelivered() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            XMPPTCPConnection person = person(owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            send(person, "+15557654321", "m1", "See you at 8");

            SmsHostClient.Command send = host.nextCommand();
            assertThat(send.name()).isEqualTo("send");
            assertThat(send.texts("to")).containsExactly("+15557654321");
            assertThat(send.texts("body")).containsExactly("See you at 8");
            assertThat(send.attribute("subscription-id")).isEqualTo("1");
            String id = send.attribute("id");
            awaitState(running, "m1", "accepted");

            host.report(id, "sent", 0, 2);
            host.report(id, "sent", 1, 2);
            host.report(id, "delivered", 1, 2);
            assertThat(SmsTestKit.state(running, "m1")).isEqualTo("sent");
            assertThat((Object) messages.pollResult()).isNull();

            host.report(id, "delivered", 0, 2);
            Stanza receipt = messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(DeliveryReceipt.from((Message) receipt).getId()).isEqualTo("m1");
            assertThat(receipt.getFrom().toString()).isEqualTo("+15557654321@" + SmsTestKit.GATEWAY);
            assertThat(SmsTestKit.state(running, "m1")).isEqualTo("delivered");
            person.disconnect();
        }
    }

    static void awaitState(RunningServer server, String xmppId, String state) throws InterruptedException {
        for (int i = 0; i < 400 && !state.equals(SmsTestKit.state(server, xmppId)); i++) {
            Thread.sleep(50);
        }
        assertThat(SmsTestKit.state(server, xmppId)).isEqualTo(state);
    }
}
