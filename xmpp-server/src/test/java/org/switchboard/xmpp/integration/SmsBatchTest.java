package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Section 4.4 of host-protocol.md: commands and reports in batches, with the real gateway. */
class SmsBatchTest {

    @StartedServer(settings = "SmsTestKit#fast") private static RunningServer running;

    private static final Pattern SEND = Pattern.compile("<send [^>]*id='([0-9a-f-]{36})'[^>]*>(.*?)</send>");

    /** The ids of a batch's sends with their bodies, in order. */
    private static List<String[]> sends(SmsHostClient.Command batch) {
        List<String[]> sends = new ArrayList<>();
        Matcher m = SEND.matcher(batch.xml());
        while (m.find()) {
            Matcher body = Pattern.compile("<body>([^<]*)</body>").matcher(m.group(2));
            sends.add(new String[] {m.group(1), body.find() ? body.group(1) : ""});
        }
        return sends;
    }

    @Test
    void aHostTakingBatchesGetsTheQueueInBatchesOfItsSizeAndReportsInOneIqMoveEveryText() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", owner, SmsTestKit.PASSWORD);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        // queued while the host is away, so the pass after its hello takes all ten at once
        for (int i = 0; i < 10; i++) {
            SmsSendTest.send(person, "+1555700000" + i, "m" + i, i == 2 ? "refuse me" : "text " + i);
        }
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.batchRefusals = batch -> {
                StringBuilder refused = new StringBuilder();
                for (String[] send : sends(batch)) {
                    if (send[1].equals("refuse me")) {
                        refused.append("<refused id='").append(send[0]).append("' condition='item-not-found'>no SIM 3</refused>");
                    }
                }
                return refused.toString();
            };
            IQ answer = host.helloTakingBatches(4);
            assertThat(((UnparsedIQ) answer).getContent().toString()).contains("batch='64'");

            List<SmsHostClient.Command> batches = List.of(host.nextCommand(), host.nextCommand(), host.nextCommand());
            assertThat(batches).extracting(SmsHostClient.Command::name).containsOnly("commands");
            assertThat(batches).extracting(batch -> sends(batch).size()).containsExactly(4, 4, 2);
            List<String[]> all = batches.stream().flatMap(batch -> sends(batch).stream()).toList();
            assertThat(all).extracting(send -> send[1]).containsExactly("text 0", "text 1", "refuse me", "text 3", "text 4",
                    "text 5", "text 6", "text 7", "text 8", "text 9");
            SmsSendTest.awaitState(running, "m9", "accepted");
            SmsSendTest.awaitState(running, "m2", "failed");
            Message refusedError = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(refusedError.getStanzaId()).isEqualTo("m2");
            assertThat(refusedError.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);

            StringBuilder reports = new StringBuilder();
            for (String[] send : all) {
                if (!send[1].equals("refuse me")) {
                    reports.append(report(send[0], "sent")).append(report(send[0], "delivered"));
                }
            }
            String unknown = UUID.randomUUID().toString();
            reports.append(report(unknown, "delivered")).append("<report id='" + all.get(0)[0] + "' state='lost'/>");
            IQ taken = host.request("reports", Map.of(), reports.toString());

            String refusals = ((UnparsedIQ) taken).getContent().toString();
            assertThat(refusals).contains("id='" + unknown + "'", "condition='item-not-found'", "state='lost'", "condition='bad-request'");
            Set<String> receipted = new HashSet<>();
            for (int i = 0; i < 9; i++) {
                Stanza receipt = messages.nextResult(TimeUnit.SECONDS.toMillis(10));
                receipted.add(DeliveryReceipt.from((Message) receipt).getId());
            }
            assertThat(receipted).containsExactlyInAnyOrder("m0", "m1", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(SmsTestKit.state(running, "m5")).isEqualTo("delivered");
            // the same batch again (the host did not see the answer): taken, nothing changes, nobody told twice
            host.request("reports", Map.of(), reports.toString());
            assertThat((Object) messages.nextResult(500)).isNull();
        }
        person.disconnect();
    }

    @Test
    void aBatchTheHostCannotStoreLeavesEveryTextQueuedForLater() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", owner, SmsTestKit.PASSWORD);
        for (int i = 0; i < 3; i++) {
            SmsSendTest.send(person, "+1555710000" + i, "q" + i, "text " + i);
        }
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.refuse = command -> StanzaError.Condition.resource_constraint;
            host.helloTakingBatches(64);
            SmsHostClient.Command batch = host.nextCommand();
            assertThat(sends(batch)).hasSize(3);
            // a whole-IQ error is every command's: none failed, all wait for the host to have room
            Thread.sleep(300);
            for (int i = 0; i < 3; i++) {
                assertThat(SmsTestKit.state(running, "q" + i)).isIn("queued", "dispatched");
            }
        }
        person.disconnect();
    }

    private static String report(String id, String state) {
        return "<report id='" + id + "' state='" + state + "' part='0' parts='1' at='2026-11-30T10:15:02.120Z'/>";
    }
}
