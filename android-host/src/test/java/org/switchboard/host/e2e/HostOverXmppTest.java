package org.switchboard.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.host.radio.TestRadio.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.AccountKind;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.SimInfo;
import org.switchboard.host.radio.TestRadio;

/**
 * The host core against the real server over real sockets, with the gateway's side of the protocol played
 * by {@link ProtocolPeer}; the radio is the only simulated part.
 */
class HostOverXmppTest {

    private static final String PASSWORD = "a host password that is long enough 0123456789";
    private static TestServer server;

    private ProtocolPeer gateway;
    private TestRadio radio;
    private HostCore host;
    private HostSettings settings;
    private Jid hostJid;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startHost() throws Exception {
        String gatewayUser = server.newAccount(AccountKind.PERSON, PASSWORD);
        gateway = new ProtocolPeer(server.client(gatewayUser, PASSWORD, "gateway"));
        String hostUser = server.newAccount(AccountKind.HOST, PASSWORD);
        Path dir = Files.createTempDirectory("host-queue");
        settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, gateway.jid()), server.trust, dir, "1.0.0-test")
                .withThrottle(6_000, 100).withReplyTimeout(Duration.ofSeconds(2));
        hostJid = JidCreate.from(hostUser + "@" + TestServer.DOMAIN + "/phone");
        radio = new TestRadio();
        host = new HostCore(settings, radio);
        host.start();
        await("hello", 20, () -> gateway.received(HostProtocol.HELLO).size() >= 1);
    }

    @AfterEach
    void stopHost() {
        host.close();
        gateway.close();
    }

    private void restartHost() throws Exception {
        host.close();
        host = new HostCore(settings, radio);
        host.start();
    }

    private IQ command(Payload payload) throws Exception {
        return gateway.command(hostJid, payload, IQ.Type.set);
    }

    private static List<String> ids(List<ProtocolPeer.Received> received) {
        List<String> ids = new ArrayList<>();
        received.forEach(r -> ids.add(r.payload().id()));
        return ids;
    }

    @Test
    void helloNamesTheSimsTheStatusAndTheVersion() {
        Payload hello = gateway.received(HostProtocol.HELLO).get(0).payload();
        assertThat(hello.attributes()).containsEntry("app-version", "1.0.0-test").containsEntry("battery", "87")
                .containsEntry("charging", "true").containsEntry("signal", "3");
        assertThat(hello.innerXml()).contains("subscription-id='1' slot='0' carrier='Example Mobile' number='+15551234567' region='US'")
                .contains("subscription-id='2' slot='1'");
    }

    @Test
    void aSendIsAcceptedHandedToTheRadioAndItsSentAndDeliveredReportsReachTheGateway() throws Exception {
        IQ reply = command(ProtocolPeer.sendFromSim("m-1", 1, "+15557654321", "See you at 8"));
        assertThat(reply.getType()).isEqualTo(IQ.Type.result);

        await("the radio", 10, () -> radio.sent().size() >= 1);
        SendRequest request = radio.sent().get(0);
        assertThat(request.commandId()).isEqualTo("m-1");
        assertThat(request.to()).isEqualTo("+15557654321");
        assertThat(request.subscriptionId()).hasValue(1);
        assertThat(request.parts()).containsExactly("See you at 8");

        radio.report("m-1", PartResult.State.SENT);
        radio.report("m-1", PartResult.State.DELIVERED);
        await("two reports", 10, () -> gateway.received(HostProtocol.REPORT).size() >= 2);
        List<ProtocolPeer.Received> reports = gateway.received(HostProtocol.REPORT);
        assertThat(reports.get(0).payload().attributes()).containsEntry("id", "m-1").containsEntry("state", "sent")
                .containsEntry("part", "0").containsEntry("parts", "1").containsKey("at");
        assertThat(reports.get(1).payload().attributes()).containsEntry("state", "delivered");
        await("the queue emptied", 10, () -> host.queue().unacknowledged().isEmpty());
    }

    @Test
    void aRepeatedCommandIsAnsweredResultAndSentOnce() throws Exception {
        assertThat(command(ProtocolPeer.send("dup-1", "+15557654321", "once")).getType()).isEqualTo(IQ.Type.result);
        assertThat(command(ProtocolPeer.send("dup-1", "+15557654321", "once")).getType()).isEqualTo(IQ.Type.result);
        await("the radio", 10, () -> radio.sent().size() >= 1);
        assertThat(command(ProtocolPeer.send("dup-1", "+15557654321", "once")).getType()).isEqualTo(IQ.Type.result);
        Thread.sleep(500);
        assertThat(radio.sent()).hasSize(1);
    }

    @Test
    void refusedCommandsGetTheProtocolsErrors() throws Exception {
        assertThat(command(ProtocolPeer.sendFromSim("e-1", 7, "+15557654321", "no such SIM")).getError().getCondition())
                .isEqualTo(StanzaError.Condition.item_not_found);
        IQ group = command(new Payload(HostProtocol.SEND, Map.of("id", "e-2"), "<to>+15550001</to><to>+15550002</to><body>group</body>"));
        assertThat(group.getError().getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
        IQ malformed = command(new Payload(HostProtocol.SEND, Map.of("id", "e-3"), "<body>nobody to send to</body>"));
        assertThat(malformed.getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(malformed.getError().getType()).isEqualTo(StanzaError.Type.MODIFY);
        assertThat(malformed.toXML().toString()).contains(">no recipient</text>");
        assertThat(malformed.toXML().toString()).as("echoes at most the empty command").doesNotContain("nobody to send to");

        // anyone but the gateway is refused, however well-formed the command
        String strangerUser = server.newAccount(AccountKind.PERSON, PASSWORD);
        XMPPTCPConnection stranger = server.client(strangerUser, PASSWORD, "x");
        try {
            ProtocolPeer impostor = new ProtocolPeer(stranger);
            IQ refused = impostor.command(hostJid, ProtocolPeer.send("e-4", "+15557654321", "spoofed"), IQ.Type.set);
            assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        } finally {
            stranger.disconnect();
        }
        Thread.sleep(300);
        assertThat(radio.sent()).isEmpty();
    }

    @Test
    void simsAreListedOnRequest() throws Exception {
        IQ reply = gateway.command(hostJid, new Payload(HostProtocol.SIMS, Map.of(), ""), IQ.Type.get);
        assertThat(reply.getType()).isEqualTo(IQ.Type.result);
        String sims = ((org.jivesoftware.smack.packet.UnparsedIQ) reply).getContent().toString();
        assertThat(sims).contains("<sims xmlns='urn:switchboard:sms-host:0'>")
                .contains("subscription-id='1' slot='0'").contains("subscription-id='2' slot='1'");
    }

    @Test
    void aDialPlacesTheCallOnce() throws Exception {
        Payload dial = new Payload(HostProtocol.DIAL, new LinkedHashMap<>(Map.of("id", "d-1", "subscription-id", "2")),
                "<to>+15557654321</to>");
        assertThat(command(dial).getType()).isEqualTo(IQ.Type.result);
        assertThat(command(dial).getType()).isEqualTo(IQ.Type.result);
        await("the call", 10, () -> radio.dialed().size() >= 1);
        Thread.sleep(300);
        assertThat(radio.dialed()).containsExactly(new TestRadio.Dialed(java.util.OptionalInt.of(2), "+15557654321"));
    }

    @Test
    void twoIdenticalTextsAreTwoInboundEventsWithTheirOwnIds() throws Exception {
        radio.receive("+15557654321", "On my way");
        radio.receive("+15557654321", "On my way");
        radio.ring("+15557654321", CallEvent.State.MISSED);
        await("two texts", 10, () -> gateway.received(HostProtocol.INBOUND).size() >= 2);
        await("the call", 10, () -> gateway.received(HostProtocol.CALL).size() >= 1);
        List<ProtocolPeer.Received> texts = gateway.received(HostProtocol.INBOUND);
        assertThat(ids(texts).stream().distinct().count()).isEqualTo(2);
        for (ProtocolPeer.Received text : texts) {
            assertThat(text.payload().attributes()).containsEntry("from", "+15557654321").containsEntry("subscription-id", "1");
            assertThat(text.payload().innerXml()).isEqualTo("<body>On my way</body>");
        }
        assertThat(gateway.received(HostProtocol.CALL).get(0).payload().attributes()).containsEntry("state", "missed");
    }

    @Test
    void duplicateDeliveryReportsFromTheRadioAreReportedOnce() throws Exception {
        command(ProtocolPeer.send("dr-1", "+15557654321", "hello"));
        await("the radio", 10, () -> radio.sent().size() >= 1);
        radio.report("dr-1", PartResult.State.SENT);
        radio.report("dr-1", PartResult.State.DELIVERED);
        radio.report("dr-1", PartResult.State.DELIVERED);
        radio.report("dr-1", PartResult.State.SENT);
        await("the reports", 10, () -> gateway.received(HostProtocol.REPORT).size() >= 2);
        Thread.sleep(500);
        // (a report resent after a slow answer is the same XML: count distinct ones)
        assertThat(gateway.received(HostProtocol.REPORT).stream().map(ProtocolPeer.Received::xml).distinct()
                .map(xml -> Payload.fromXml(xml).attributes().get("state"))).containsExactly("sent", "delivered");
    }

    /**
     * The reports the gateway got, each once: a report whose answer was slower than the reply timeout (2 s here) is
     * sent again, the same XML, and counting it twice would fail a test on a loaded machine for nothing.
     */
    private List<ProtocolPeer.Received> distinctReports() {
        Set<String> seen = new HashSet<>();
        return gateway.received(HostProtocol.REPORT).stream().filter(report -> seen.add(report.xml())).toList();
    }

    @Test
    void aMultipartMessageIsReportedPartByPart() throws Exception {
        String body = "This is a long text. ".repeat(20); // 420 characters: three parts
        command(ProtocolPeer.send("mp-1", "+15557654321", body));
        await("the radio", 10, () -> radio.sent().size() >= 1);
        assertThat(String.join("", radio.sent().get(0).parts())).isEqualTo(body);
        assertThat(radio.sent().get(0).parts()).hasSize(3);
        radio.report("mp-1", PartResult.State.SENT);
        await("three reports", 10, () -> distinctReports().size() >= 3);
        assertThat(distinctReports()).extracting(r -> r.payload().attributes().get("part") + "/"
                + r.payload().attributes().get("parts") + " " + r.payload().attributes().get("state"))
                .containsExactly("0/3 sent", "1/3 sent", "2/3 sent");

        // a failure after 'sent' is news the gateway must hear; its repeat and a late 'sent' are not
        radio.result(PartResult.failed("mp-1", 1, 3, 4, "no service", java.time.Instant.now()));
        radio.result(PartResult.failed("mp-1", 1, 3, 4, "no service", java.time.Instant.now()));
        radio.result(PartResult.sent("mp-1", 1, 3, java.time.Instant.now()));
        radio.result(PartResult.delivered("mp-1", 0, 3, java.time.Instant.now()));
        await("five reports", 10, () -> distinctReports().size() >= 5);
        Thread.sleep(500);
        List<ProtocolPeer.Received> reports = distinctReports();
        assertThat(reports).hasSize(5);
        assertThat(reports.get(3).payload().attributes()).containsEntry("state", "failed").containsEntry("part", "1")
                .containsEntry("code", "4").containsEntry("reason", "no service");
        assertThat(reports.get(4).payload().attributes()).containsEntry("state", "delivered").containsEntry("part", "0");
    }

    @Test
    void reportsGoWithoutWaitingForEachOthersAnswersAndStayUntilAnswered() throws Exception {
        gateway.answer(HostProtocol.REPORT, ProtocolPeer.Answer.SILENCE);
        command(ProtocolPeer.send("b-1", "+15557654321", "first"));
        command(ProtocolPeer.send("b-2", "+15557654322", "second"));
        await("the radio", 10, () -> radio.sent().size() >= 2);
        radio.report("b-1", PartResult.State.SENT);
        radio.report("b-2", PartResult.State.SENT);
        // both reach the gateway while the first is still unanswered (reports are taken in any order, 5.1)
        await("both reports before any answer", 15, () -> ids(gateway.received(HostProtocol.REPORT)).containsAll(List.of("b-1", "b-2")));
        assertThat(host.queue().unacknowledged()).hasSize(2);

        gateway.answer(HostProtocol.REPORT, ProtocolPeer.Answer.RESULT);
        await("both taken after the resend", 30, () -> host.queue().unacknowledged().isEmpty());
    }

    @Test
    void unacknowledgedEventsAreResentInOrderUntilTheGatewayTakesThem() throws Exception {
        gateway.answer(HostProtocol.INBOUND, ProtocolPeer.Answer.SILENCE);
        radio.receive("+15550001", "one");
        radio.receive("+15550001", "two");
        radio.receive("+15550001", "three");
        await("the first text, twice (no answer, resent)", 15, () -> gateway.received(HostProtocol.INBOUND).size() >= 2);
        // while unanswered, only the oldest goes: order holds
        assertThat(gateway.received(HostProtocol.INBOUND)).extracting(r -> r.payload().innerXml()).containsOnly("<body>one</body>");

        gateway.answer(HostProtocol.INBOUND, ProtocolPeer.Answer.INTERNAL_ERROR);
        await("an error answer", 15, () -> gateway.received(HostProtocol.INBOUND).size() >= 3);
        gateway.answer(HostProtocol.INBOUND, ProtocolPeer.Answer.RESULT);
        await("all three taken", 30, () -> host.queue().unacknowledged().isEmpty());

        List<String> bodies = new ArrayList<>();
        List<String> distinctIds = new ArrayList<>();
        for (ProtocolPeer.Received r : gateway.received(HostProtocol.INBOUND)) {
            if (!distinctIds.contains(r.payload().id())) {
                distinctIds.add(r.payload().id());
                bodies.add(r.payload().innerXml());
            }
        }
        assertThat(bodies).containsExactly("<body>one</body>", "<body>two</body>", "<body>three</body>");
    }

    @Test
    void aGatewayThatReadsBatchesGetsTheReportsKeptMeanwhileInOneIq() throws Exception {
        command(ProtocolPeer.send("r-1", "+15557654321", "first"));
        command(ProtocolPeer.send("r-2", "+15557654322", "second"));
        await("the radio", 10, () -> radio.sent().size() >= 2);
        // the next hello (a restarted core: a new stream) goes unanswered until the reports are in the queue, so
        // they wait for it together
        gateway.answer(HostProtocol.HELLO, ProtocolPeer.Answer.SILENCE);
        gateway.readReportBatches(64);
        restartHost();
        await("hello on the new stream", 20, () -> gateway.received(HostProtocol.HELLO).size() >= 2);
        radio.report("r-1", PartResult.State.SENT);
        radio.report("r-2", PartResult.State.SENT);
        radio.report("r-1", PartResult.State.DELIVERED);
        await("three reports kept", 10, () -> host.queue().unacknowledged().size() == 3);
        gateway.answer(HostProtocol.HELLO, ProtocolPeer.Answer.RESULT);

        await("the reports taken", 30, () -> host.queue().unacknowledged().isEmpty());
        List<ProtocolPeer.Received> batches = gateway.received(HostProtocol.REPORTS);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).xml()).contains("id='r-1' state='sent'", "id='r-2' state='sent'", "id='r-1' state='delivered'");
        assertThat(gateway.received(HostProtocol.REPORT)).isEmpty();
    }

    @Test
    void aCommandsBatchIsTakenCommandByCommandAndTheRefusedOnesAreNamed() throws Exception {
        Payload batch = new Payload(HostProtocol.COMMANDS, java.util.Map.of(), ProtocolPeer.send("c-1", "+15557654321", "one").toXml()
                + ProtocolPeer.sendFromSim("c-2", 7, "+15557654322", "no such SIM").toXml()
                + "<send xmlns='urn:switchboard:sms-host:0' id='c-3'><to>not a number</to><body>x</body></send>"
                + ProtocolPeer.send("c-4", "+15557654323", "four").toXml());
        IQ answer = command(batch);

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        String refused = ((org.jivesoftware.smack.packet.UnparsedIQ) answer).getContent().toString();
        assertThat(refused).contains("<refused id='c-2' condition='item-not-found'>no active SIM with subscription-id 7</refused>",
                "<refused id='c-3' condition='bad-request'>").doesNotContain("c-1", "c-4");
        await("the radio", 10, () -> radio.sent().size() >= 2);
        // a repeat of the batch is answered alike and sends nothing twice
        assertThat(command(batch).getType()).isEqualTo(IQ.Type.result);
        Thread.sleep(300);
        assertThat(radio.sent()).hasSize(2);
    }

    @Test
    void aLostConnectionIsReestablishedAndWhatHappenedMeanwhileArrives() throws Exception {
        host.dropConnection();
        radio.receive("+15550001", "while away");
        await("the text after the reconnect", 30, () -> gateway.received(HostProtocol.INBOUND).size() >= 1);
        assertThat(gateway.received(HostProtocol.INBOUND).get(0).payload().innerXml()).isEqualTo("<body>while away</body>");
        // commands reach the host again
        assertThat(command(ProtocolPeer.send("after-drop", "+15557654321", "back")).getType()).isEqualTo(IQ.Type.result);
        await("the radio", 10, () -> radio.sent().size() >= 1);
    }

    @Test
    void aHostThatWasOffSaysHelloAgainAndSendsWhatItKept() throws Exception {
        command(ProtocolPeer.send("off-1", "+15557654321", "before"));
        await("the radio", 10, () -> radio.sent().size() >= 1);
        host.close();
        // results and texts that reach a stopped host are the Android app's to store; here the core is back first
        host = new HostCore(settings, radio);
        host.start();
        await("hello again", 20, () -> gateway.received(HostProtocol.HELLO).size() >= 2);
        radio.report("off-1", PartResult.State.DELIVERED);
        radio.receive("+15557654321", "welcome back");
        await("the report and the text", 10, () -> gateway.received(HostProtocol.REPORT).size() >= 1
                && gateway.received(HostProtocol.INBOUND).size() >= 1);
        assertThat(command(ProtocolPeer.send("off-1", "+15557654321", "before")).getType()).isEqualTo(IQ.Type.result);
        Thread.sleep(300);
        assertThat(radio.sent()).hasSize(1); // remembered across the restart: not sent twice
    }

    @Test
    void aStatusGoesOnANoticeableChange() throws Exception {
        radio.changeStatus(new DeviceStatus(86, true, 3)); // one point: not worth a report
        radio.changeStatus(new DeviceStatus(60, false, 1));
        await("a status", 10, () -> gateway.received(HostProtocol.STATUS).size() >= 1);
        assertThat(gateway.received(HostProtocol.STATUS).get(0).payload().attributes())
                .containsEntry("battery", "60").containsEntry("charging", "false").containsEntry("signal", "1");
    }

    @Test
    void aBurstOfTwoHundredKeepsFifoOrderPerConversation() throws Exception {
        radio.autoSent();
        List<String> recipients = List.of("+15550001", "+15550002", "+15550003");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String to = recipients.get(i % 3);
            String id = "burst-" + i;
            expected.computeIfAbsent(to, k -> new ArrayList<>()).add(id);
            assertThat(command(ProtocolPeer.send(id, to, "message " + i)).getType()).isEqualTo(IQ.Type.result);
        }
        await("all 200 at the radio", 60, () -> radio.sent().size() >= 200);
        Thread.sleep(300);
        assertThat(radio.sent()).hasSize(200);
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (SendRequest request : radio.sent()) {
            actual.computeIfAbsent(request.to(), k -> new ArrayList<>()).add(request.commandId());
        }
        assertThat(actual).isEqualTo(expected);
        await("200 sent reports", 60, () -> ids(gateway.received(HostProtocol.REPORT)).stream().distinct().count() >= 200);
        // a report whose answer was slow may have gone twice (same id: the gateway deduplicates); none is missing
        assertThat(ids(gateway.received(HostProtocol.REPORT)).stream().distinct().count()).isEqualTo(200);
    }

    @Test
    void theHeartbeatSendsStatusAtItsInterval() throws Exception {
        settings = settings.withStatusInterval(Duration.ofSeconds(1));
        restartHost();
        await("three heartbeats", 20, () -> gateway.received(HostProtocol.STATUS).size() >= 3);
        assertThat(gateway.received(HostProtocol.STATUS).get(0).payload().attributes()).containsEntry("battery", "87");
    }

    @Test
    void aStatusQueuedBeforeHelloDoesNotFollowItWithOlderValues() throws Exception {
        host.close();
        gateway.answer(HostProtocol.HELLO, ProtocolPeer.Answer.SILENCE); // the gateway has not taken hello yet
        host = new HostCore(settings, radio);
        host.start();
        await("the unanswered hello", 20, () -> gateway.received(HostProtocol.HELLO).size() >= 2);
        radio.changeStatus(new DeviceStatus(50, false, 2)); // queued behind hello
        radio.status(new DeviceStatus(47, false, 2));       // then the battery drops a little, unreported
        gateway.answer(HostProtocol.HELLO, ProtocolPeer.Answer.RESULT);
        int before = gateway.received(HostProtocol.HELLO).size();
        await("hello again", 20, () -> gateway.received(HostProtocol.HELLO).size() > before);
        Thread.sleep(1_000);
        List<ProtocolPeer.Received> states = gateway.received().stream()
                .filter(r -> r.element().equals(HostProtocol.HELLO) || r.element().equals(HostProtocol.STATUS)).toList();
        assertThat(states.get(states.size() - 1).payload().attributes()).as("the gateway's last word is the newest state")
                .containsEntry("battery", "47");
    }

    @Test
    void aSimChangeSaysHelloAgainWithTheSimsNow() throws Exception {
        radio.changeSims(List.of(new SimInfo(2, 1, "Other Tel", "+15559876543", "US")));
        await("hello again", 20, () -> gateway.received(HostProtocol.HELLO).size() >= 2);
        String hello = gateway.received(HostProtocol.HELLO).get(1).xml();
        assertThat(hello).contains("subscription-id='2'").contains("+15559876543").doesNotContain("subscription-id='1'");
        radio.changeStatus(new DeviceStatus(87, true, 3)); // the same SIMs and state: nothing new to say
        Thread.sleep(500);
        assertThat(gateway.received(HostProtocol.HELLO)).hasSize(2);
    }
}
