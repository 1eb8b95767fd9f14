package org.switchboard.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.host.radio.TestRadio.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.common.account.AccountKind;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.TestRadio;

/**
 * The queue and the whole core in a child JVM killed with SIGKILL ({@code destroyForcibly}) while it works,
 * then started again from the same directory: nothing promised durable is lost, nothing is duplicated.
 */
class ProcessDeathTest {

    private static final String PASSWORD = "a host password that is long enough 0123456789";

    @TempDir
    Path dir;

    /** Where the children's stdout goes (a directory apart from the host's). */
    @TempDir
    Path childOutput;

    private final List<ChildJvm> children = new ArrayList<>();

    /** A child JVM running {@link HostProcessMain} with these arguments; killed after the test if still alive. */
    private ChildJvm child(String... args) throws Exception {
        ChildJvm child = new ChildJvm(childOutput, args);
        children.add(child);
        return child;
    }

    @AfterEach
    void killChildrenLeftAlive() throws Exception {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @Test
    void theQueueKilledMidWriteKeepsEverythingItPromisedAndNothingTwice() throws Exception {
        Set<String> promisedCommands = new HashSet<>();
        List<String> promisedEvents = new ArrayList<>();
        Set<String> acked = new HashSet<>();
        // acknowledgements the child began; one may have been made durable just before the kill, unreported
        Set<String> acking = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            ChildJvm child = child("queue", dir.toString());
            assertThat(child.next(30)).isEqualTo("ready");
            List<String> printed = new ArrayList<>();
            for (int i = 0; i < 300 + 97 * round; i++) {
                printed.add(child.next(30)); // let it get going; killed somewhere in the middle of its writing
            }
            printed.addAll(child.kill());
            for (String line : printed) {
                String[] parts = line.split(" ", 2);
                switch (parts[0]) {
                    case "command" -> promisedCommands.add(parts[1]);
                    case "event" -> promisedEvents.add(parts[1]);
                    case "acked" -> acked.add(parts[1].replaceAll(".*id='([^']+)'.*", "$1"));
                    case "acking" -> acking.add(parts[1].replaceAll(".*id='([^']+)'.*", "$1"));
                    default -> { }
                }
            }
        }
        try (HostQueue queue = HostQueue.open(dir)) {
            List<String> pending = new ArrayList<>();
            for (HostQueue.Outgoing outgoing : queue.unacknowledged()) {
                pending.add(outgoing.payload().replaceAll(".*id='([^']+)'.*", "$1"));
            }
            assertThat(pending).doesNotHaveDuplicates();
            for (String event : promisedEvents) {
                if (!acked.contains(event) && !acking.contains(event)) {
                    assertThat(pending).as("event promised durable").contains(event);
                }
            }
            assertThat(acked).as("compaction ran under the kills").isNotEmpty();
            assertThat(pending).doesNotContainAnyElementsOf(acked);
            // order: the events still pending keep the order they were written in
            List<String> promisedPending = new ArrayList<>(promisedEvents);
            promisedPending.removeAll(acking);   // acked, or maybe acked just before a kill
            assertThat(pending.stream().filter(promisedPending::contains).toList()).isEqualTo(promisedPending);

            List<String> commands = queue.undispatched().stream().map(QueuedCommand::id).toList();
            assertThat(commands).doesNotHaveDuplicates().containsAll(promisedCommands);
            for (String command : promisedCommands) {
                assertThat(queue.accept(new QueuedCommand(command, QueuedCommand.Kind.SEND, java.util.OptionalInt.empty(),
                        List.of("+15550001"), "again", java.time.Instant.now()))).isEqualTo(HostQueue.Acceptance.DUPLICATE);
            }
        }
    }

    @Test
    void theCoreKilledWithUnacknowledgedTextsLosesNoneAndSendsNothingTwice() throws Exception {
        try (TestServer server = new TestServer()) {
            String gatewayUser = server.newAccount(AccountKind.PERSON, PASSWORD);
            ProtocolPeer gateway = new ProtocolPeer(server.client(gatewayUser, PASSWORD, "gateway"));
            String hostUser = server.newAccount(AccountKind.HOST, PASSWORD);
            String hostJid = hostUser + "@" + TestServer.DOMAIN;
            String fingerprint = org.switchboard.host.connection.HostTrust.fingerprint(server.server.certificate().leaf());
            gateway.answer(HostProtocol.INBOUND, ProtocolPeer.Answer.SILENCE); // the gateway never commits them

            ChildJvm child = child("core", dir.toString(), Integer.toString(server.server.c2sPort()), hostJid, PASSWORD,
                    gateway.jid(), fingerprint);
            assertThat(child.next(30)).isEqualTo("ready");
            await("hello from the child", 30, () -> gateway.received(HostProtocol.HELLO).size() >= 1);

            // three texts to one person: the first goes to the radio, the others wait behind it (FIFO)
            for (String id : List.of("k-1", "k-2", "k-3")) {
                IQ reply = gateway.command(JidCreate.from(hostJid + "/phone"), ProtocolPeer.send(id, "+15557654321", "text " + id),
                        IQ.Type.set);
                assertThat(reply.getType()).isEqualTo(IQ.Type.result);
            }
            List<String> radioSent = new ArrayList<>();
            Map<String, Boolean> stored = new LinkedHashMap<>();
            for (int i = 1; i <= 5; i++) {
                child.send("receive inbound text " + i);
            }
            while (stored.size() < 5 || radioSent.isEmpty()) {
                String line = child.next(30);
                if (line.startsWith("stored ")) {
                    stored.put(line.substring("stored ".length()), true);
                } else if (line.startsWith("radio-sent ")) {
                    radioSent.add(line.substring("radio-sent ".length()));
                }
            }
            await("the first text at the (silent) gateway", 30, () -> !gateway.received(HostProtocol.INBOUND).isEmpty());
            for (String line : child.kill()) {
                if (line.startsWith("radio-sent ")) {
                    radioSent.add(line.substring("radio-sent ".length()));
                }
            }
            assertThat(radioSent).containsExactly("k-1");

            // the phone restarts the app; this time the gateway commits
            gateway.answer(HostProtocol.INBOUND, ProtocolPeer.Answer.RESULT);
            TestRadio radio = new TestRadio().autoSent();
            HostSettings settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, gateway.jid()), server.trust,
                    dir, "restarted").withReplyTimeout(Duration.ofSeconds(2));
            try (HostCore restarted = new HostCore(settings, radio)) {
                restarted.start();
                await("every text committed", 60, () -> restarted.queue().unacknowledged().isEmpty());
                await("the waiting texts sent", 30, () -> radio.sent().size() >= 2);
                assertThat(radio.sent()).extracting(SendRequest::commandId).containsExactly("k-2", "k-3");
            }
            Map<String, String> bodyById = new LinkedHashMap<>();
            for (ProtocolPeer.Received received : gateway.received(HostProtocol.INBOUND)) {
                String body = received.payload().innerXml();
                String previous = bodyById.putIfAbsent(received.payload().id(), body);
                assertThat(previous == null || previous.equals(body)).as("one id, one text").isTrue();
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                expected.add("<body>inbound text " + i + "</body>");
            }
            // each text under exactly one id (resends repeat the id, which the gateway deduplicates by), in order
            assertThat(new ArrayList<>(bodyById.values())).isEqualTo(expected);
            gateway.close();
        }
    }

    @Test
    void theCoreKilledWhileTheRealGatewayCommitsLosesNoTextAndDeliversNoneTwice() throws Exception {
        try (TestServer server = new TestServer()) {
            String owner = server.newAccount(AccountKind.PERSON, PASSWORD);
            String hostUser = server.pairHost(owner, PASSWORD);
            List<Message> chats = new CopyOnWriteArrayList<>();
            XMPPTCPConnection person = server.client(owner, PASSWORD, "laptop", chats);
            String fingerprint = org.switchboard.host.connection.HostTrust.fingerprint(server.server.certificate().leaf());

            ChildJvm child = child("core", dir.toString(), Integer.toString(server.server.c2sPort()),
                    hostUser + "@" + TestServer.DOMAIN, PASSWORD, TestServer.GATEWAY, fingerprint);
            assertThat(child.next(30)).isEqualTo("ready");
            int texts = 60;
            for (int i = 1; i <= texts; i++) {
                child.send("receive text number " + i);
            }
            int stored = 0;
            while (stored < texts) {
                if (child.next(30).startsWith("stored ")) {
                    stored++;
                }
            }
            child.kill(); // at once: the host is still sending them to the gateway one by one

            int unacknowledged;
            try (HostQueue queue = HostQueue.open(dir)) {
                unacknowledged = queue.unacknowledged().size();
            }
            HostSettings settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, TestServer.GATEWAY),
                    server.trust, dir, "restarted");
            try (HostCore restarted = new HostCore(settings, new TestRadio())) {
                restarted.start();
                await("every text committed", 60, () -> restarted.queue().unacknowledged().isEmpty());
            }
            await("all texts at the person", 30, () -> chats.size() >= texts);
            Thread.sleep(1_000);
            List<String> bodies = chats.stream().map(Message::getBody).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= texts; i++) {
                expected.add("text number " + i);
            }
            assertThat(bodies).as("each text once, in order (" + unacknowledged + " were not yet committed at the kill)")
                    .isEqualTo(expected);
            assertThat(unacknowledged).as("the kill left texts the gateway had not committed").isPositive();
            person.disconnect();
        }
    }

    /**
     * MMS received, then SIGKILL while the host uploads their pictures and reports them: the restarted host
     * uploads what is left and the person gets each MMS exactly once, its OOB URL serving the very bytes.
     */
    @Test
    void theCoreKilledWhileUploadingIncomingMmsLosesNoneAndDeliversNoneTwice() throws Exception {
        OobProvider.register();
        try (TestServer server = new TestServer()) {
            String owner = server.newAccount(AccountKind.PERSON, PASSWORD);
            String hostUser = server.pairHost(owner, PASSWORD);
            List<Message> chats = new CopyOnWriteArrayList<>();
            XMPPTCPConnection person = server.client(owner, PASSWORD, "laptop", chats);
            String fingerprint = org.switchboard.host.connection.HostTrust.fingerprint(server.server.certificate().leaf());

            ChildJvm child = child("core", dir.toString(), Integer.toString(server.server.c2sPort()),
                    hostUser + "@" + TestServer.DOMAIN, PASSWORD, TestServer.GATEWAY, fingerprint);
            assertThat(child.next(30)).isEqualTo("ready");
            List<Integer> sizes = List.of(40_000, 40_001, 40_002, 40_003, 40_004);
            for (int size : sizes) {
                child.send("receive-mms " + size);
            }
            int stored = 0;
            while (stored < sizes.size()) {
                if (child.next(30).startsWith("stored-mms ")) {
                    stored++;
                }
            }
            child.kill(); // at once: the host is still uploading and reporting them
            int left = dir.resolve("inbound-mms").toFile().list().length;
            try (HostQueue queue = HostQueue.open(dir)) {
                left += queue.unacknowledged().size();
            }
            assertThat(left).as("the kill left MMS the gateway had not committed").isPositive();

            HostSettings settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, TestServer.GATEWAY),
                    server.trust, dir, "restarted");
            try (HostCore restarted = new HostCore(settings, new TestRadio().withMms())) {
                restarted.start();
                await("every MMS uploaded and committed", 60, () -> restarted.queue().unacknowledged().isEmpty()
                        && dir.resolve("inbound-mms").toFile().list().length == 0);
            }
            await("all MMS at the person", 30, () -> chats.stream().filter(m -> m.getBody() != null).count() >= sizes.size());
            assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
            List<Message> mms = chats.stream().filter(m -> m.getBody() != null).toList();
            assertThat(mms.stream().map(Message::getBody).map(body -> body.lines().findFirst().orElse("")).sorted().toList())
                    .as("each MMS once").isEqualTo(sizes.stream().map(size -> "picture " + size).toList());
            org.switchboard.host.mms.MediaHttp http = new org.switchboard.host.mms.MediaHttp(server.trust, Duration.ofSeconds(30));
            org.switchboard.host.mms.MediaSource source = new org.switchboard.host.mms.MediaSource(TestServer.DOMAIN, "127.0.0.1");
            for (Message message : mms) {
                int size = Integer.parseInt(message.getBody().lines().findFirst().orElseThrow().substring("picture ".length()));
                assertThat(http.get(source.target(OobProvider.url(message)), 1_000_000).body())
                        .isEqualTo(MmsEndToEndTest.picture(size));
            }
            person.disconnect();
        }
    }

    /**
     * The kill lands between the dispatched record and the radio's answer — before the radio took the text, or
     * after — where the host cannot know whether it left. The restarted host never hands it to the radio again
     * (an SMS cannot be taken back) and does not stay silent either: it reports the text failed with the outcome
     * unknown, and the person gets an error for it; the conversation's next text goes normally.
     */
    @ParameterizedTest
    @ValueSource(strings = {"before", "after"})
    void aTextWhoseRadioCallTheKillCutIsSentAtMostOnceAndReportedUnknown(String point) throws Exception {
        try (TestServer server = new TestServer()) {
            String owner = server.newAccount(AccountKind.PERSON, PASSWORD);
            String hostUser = server.pairHost(owner, PASSWORD);
            List<Message> got = new CopyOnWriteArrayList<>();
            XMPPTCPConnection person = server.client(owner, PASSWORD, "laptop", got);
            String fingerprint = org.switchboard.host.connection.HostTrust.fingerprint(server.server.certificate().leaf());

            ChildJvm child = child("core", dir.toString(), Integer.toString(server.server.c2sPort()),
                    hostUser + "@" + TestServer.DOMAIN, PASSWORD, TestServer.GATEWAY, fingerprint);
            assertThat(child.next(30)).isEqualTo("ready");
            child.send("hang-radio " + point);
            assertThat(child.next(30)).isEqualTo("hanging " + point);
            textWithReceipt(person, "cut", "was this one sent?");
            String commandId = null;
            List<String> childRadio = new ArrayList<>();
            while (commandId == null) {
                String line = child.next(60);
                if (line.startsWith("radio-sent ")) {
                    childRadio.add(line.substring("radio-sent ".length()));
                }
                if (line.startsWith(point.equals("before") ? "radio-entered " : "radio-sent ")) {
                    commandId = line.substring(line.indexOf(' ') + 1);
                }
            }
            child.kill();
            try (HostQueue queue = HostQueue.open(dir)) {
                assertThat(queue.awaitingRadio()).as("killed with the text handed over and no result")
                        .extracting(HostQueue.AwaitingRadio::commandId).containsExactly(commandId);
            }

            TestRadio radio = new TestRadio().autoDelivered();
            HostSettings settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, TestServer.GATEWAY),
                    server.trust, dir, "restarted").withReplyTimeout(Duration.ofSeconds(2)).withRadioResultTimeout(Duration.ofSeconds(1));
            try (HostCore restarted = new HostCore(settings, radio)) {
                restarted.start();
                await("the person told about the cut text", 60, () -> errorFor(got, "cut") != null);
                textWithReceipt(person, "next", "and this one?");
                await("the next text's receipt", 60, () -> got.stream().anyMatch(m -> DeliveryReceipt.from(m) != null
                        && DeliveryReceipt.from(m).getId().equals("next")));
                await("the host's queue emptied", 30, () -> restarted.queue().unacknowledged().isEmpty());
            }
            assertThat(errorFor(got, "cut").getError().getDescriptiveText()).contains("outcome unknown");
            String cutId = commandId;
            assertThat(radio.sent()).as("the cut text is never handed to the radio again")
                    .extracting(SendRequest::commandId).doesNotContain(cutId).hasSize(1);
            assertThat(radio.sent().get(0).parts()).containsExactly("and this one?");
            assertThat(childRadio).as("the first process's radio took it at most once")
                    .hasSize(point.equals("before") ? 0 : 1);
            assertThat(server.db.sql("SELECT state, failure_code FROM sms_messages WHERE xmpp_id = 'cut' AND owner_id = "
                            + "(SELECT id FROM accounts WHERE localpart = :owner)").bind("owner", owner)
                    .map(row -> row.get("state", String.class) + " " + row.get("failure_code", Integer.class)).one().block())
                    .isEqualTo("failed " + HostProtocol.CODE_OUTCOME_UNKNOWN);
            assertThat(got.stream().filter(m -> DeliveryReceipt.from(m) != null && DeliveryReceipt.from(m).getId().equals("cut")))
                    .as("no receipt for the cut text").isEmpty();
            person.disconnect();
        }
    }

    private static void textWithReceipt(XMPPTCPConnection person, String id, String body) throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage(id).to(JidCreate.entityBareFrom("+15557654321@" + TestServer.GATEWAY))
                .ofType(Message.Type.chat).setBody(body).addExtension(new DeliveryReceiptRequest()).build());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    private static Message errorFor(List<Message> got, String id) {
        return got.stream().filter(m -> m.getType() == Message.Type.error && id.equals(m.getStanzaId())).findFirst().orElse(null);
    }
}
