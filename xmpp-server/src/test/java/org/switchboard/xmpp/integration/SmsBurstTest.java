package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.transport.InputRate;

/**
 * Issue 9's burst case, server side: a person sends 1,000 texts to ten contacts at once; the host gets every
 * one exactly once, in the order written per conversation, and every one ends accepted.
 */
class SmsBurstTest {

    private static final int MESSAGES = 1_000;
    private static final int CONTACTS = 10;

    @Test
    void aThousandTextsReachTheHostOnceEachInOrderPerConversation() throws Exception {
        // a burst from one test client, not a person typing: no input rate
        try (RunningServer running = new RunningServer(settings -> SmsTestKit.fast(settings).withClientInputRate(InputRate.UNLIMITED))) {
            String owner = running.newAccount(SmsTestKit.PASSWORD);
            SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
            try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
                host.helloOneSim();
                XMPPTCPConnection person = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", owner, SmsTestKit.PASSWORD);
                Map<String, List<String>> written = new LinkedHashMap<>();
                for (int i = 0; i < MESSAGES; i++) {
                    String to = "+1555700" + String.format("%04d", i % CONTACTS);
                    String body = "burst " + i;
                    written.computeIfAbsent(to, k -> new ArrayList<>()).add(body);
                    person.sendStanza(StanzaBuilder.buildMessage("b" + i).to(JidCreate.entityBareFrom(to + "@" + SmsTestKit.GATEWAY))
                            .ofType(Message.Type.chat).setBody(body).build());
                }

                Map<String, List<String>> received = new LinkedHashMap<>();
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < MESSAGES; i++) {
                    SmsHostClient.Command command = host.nextCommand();
                    assertThat(ids.add(command.attribute("id"))).as("command %s sent once", command.attribute("id")).isTrue();
                    received.computeIfAbsent(command.texts("to").get(0), k -> new ArrayList<>()).addAll(command.texts("body"));
                }
                assertThat(received).isEqualTo(written);
                // the host answered every command; the last answers may still be being committed
                for (int i = 0; i < 400 && accepted(running, owner) < MESSAGES; i++) {
                    Thread.sleep(50);
                }
                assertThat(accepted(running, owner)).isEqualTo(MESSAGES);
                person.disconnect();
            }
        }
    }

    private static long accepted(RunningServer running, String owner) {
        return running.db.sql("SELECT count(*) AS n FROM sms_messages m JOIN accounts a ON a.id = m.owner_id "
                        + "WHERE a.localpart = :owner AND m.state = 'accepted'")
                .bind("owner", owner).map(row -> row.get("n", Long.class)).one().block();
    }
}
