package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.r2dbc.spi.Connection;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox: queued while the host is away, FIFO, failures, repeats, expiry and restarts. */
class SmsOutboxTest {

    @StartedServer(settings = "SmsTestKit#fast") private static RunningServer running;

    private static XMPPTCPConnection person(RunningServer server, String user) throws Exception {
        return SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", user, SmsTestKit.PASSWORD);
    }

    private static void send(XMPPTCPConnection person, String to, String id, String body) throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage(id).to(JidCreate.entityBareFrom(to + "@" + SmsTestKit.GATEWAY))
                .ofType(Message.Type.chat).setBody(body).addExtension(new DeliveryReceiptRequest()).build());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    /** The XMPP ids of the texts queued with ids {@code <prefix>-…}, in the outbox's order. */
    private static List<String> queuedIds(String prefix) {
        return running.db.sql("SELECT xmpp_id FROM sms_messages WHERE xmpp_id LIKE :prefix ORDER BY id")
                .bind("prefix", prefix + "-%").map(row -> row.get("xmpp_id", String.class)).all().collectList().block();
    }

    /** The bodies of the messages the account sent, from its archive, in the archive's order. */
    private static List<String> sentArchived(String owner) {
        return running.db.sql("SELECT x.body FROM xmpp_archive x JOIN accounts a ON a.id = x.account_id "
                        + "WHERE a.localpart = :owner AND x.outgoing ORDER BY x.id")
                .bind("owner", owner).map(row -> row.get("body", String.class)).all().collectList().block();
    }

    private static String id(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void aHostAwayMeansQueuedAndHelloSendsInOrder() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(running, owner);
        List<String> ids = List.of(id("a"), id("b"), id("c"));
        for (String id : ids) {
            send(person, "+15557654321", id, "same text");
        }
        send(person, "+15550009999", id("other"), "to someone else");
        for (String id : ids) {
            assertThat(SmsTestKit.state(running, id)).isEqualTo("queued");
        }
        awaitGauge(running, pairing.id().toString(), "queued", 4);

        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            List<String> commandIds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SmsHostClient.Command command = host.nextCommand();
                if (command.texts("to").contains("+15557654321")) {
                    commandIds.add(command.attribute("id"));
                }
            }
            // identical texts are three messages, sent in the order they were written
            assertThat(commandIds).doesNotHaveDuplicates().containsExactlyElementsOf(publicIds(ids));
            for (String id : ids) {
                SmsSendTest.awaitState(running, id, "accepted");
            }
            assertThat(host.noCommandWithin(500)).isNull();
        }
        person.disconnect();
    }

    /**
     * A person's texts are queued while the session reads on (ADR 0025), but in the order they were written
     * and all of them before the answer to the IQ that follows them: that answer still means "all of it is
     * stored", in the outbox and in the person's archive. Several conversations are mixed, so one conversation's order is checked among others.
     */
    @Test
    void aBurstOfTextsIsQueuedInOrderBeforeTheNextIqIsAnswered() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(running, owner);
        String prefix = id("burst");
        List<String> written = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = prefix + "-" + i;
            written.add(id);
            bodies.add("text " + i);
            person.sendStanza(StanzaBuilder.buildMessage(id)
                    .to(JidCreate.entityBareFrom("+1555000000" + (i % 3) + "@" + SmsTestKit.GATEWAY))
                    .ofType(Message.Type.chat).setBody(bodies.get(i)).build());
        }
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();

        assertThat(queuedIds(prefix)).containsExactlyElementsOf(written);
        // the person's archive copies commit beside the queueing (ADR 0025): also all there, in the order written
        assertThat(sentArchived(owner)).containsExactlyElementsOf(bodies);
        person.disconnect();
    }

    /**
     * The person's archive copy of a text commits beside the text's queueing, not before it: with the archive held
     * by a lock, the texts still reach the outbox, and the answer to the IQ after them waits until the archive
     * copies have committed too.
     */
    @Test
    void theArchiveCopyCommitsBesideTheQueueingAndBeforeTheNextAnswer() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.pairHost(running, owner);
        // without presence, so that no IQ of the server's (a caps query) gets an answer that waits behind the lock
        XMPPTCPConnection person = SmackClients.connectWithoutPresence(running, owner, SmsTestKit.PASSWORD);
        String prefix = id("beside");
        List<String> written = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Connection lock = Mono.from(running.db.getConnectionFactory().create()).block();
        SmackFuture<IQ, Exception> answer;
        try {
            Mono.from(lock.beginTransaction()).block();
            Flux.from(lock.createStatement("LOCK TABLE xmpp_archive IN SHARE MODE").execute())
                    .flatMap(io.r2dbc.spi.Result::getRowsUpdated).blockLast();
            for (int i = 0; i < 20; i++) {
                written.add(prefix + "-" + i);
                bodies.add("beside " + i);
                person.sendStanza(StanzaBuilder.buildMessage(written.get(i)).to(JidCreate.entityBareFrom("+15550000001@" + SmsTestKit.GATEWAY))
                        .ofType(Message.Type.chat).setBody(bodies.get(i)).build());
            }
            answer = person.sendIqRequestAsync(new Ping(JidCreate.domainBareFrom(RunningServer.DOMAIN)), 30_000);
            Eventually.until("the texts queued while the archive is locked", Duration.ofSeconds(10),
                    () -> queuedIds(prefix).size() >= written.size());
            assertThat(queuedIds(prefix)).as("queued while the archive is locked").containsExactlyElementsOf(written);
            assertThat(answer.isDone()).as("the IQ after the texts is answered only once their archive copies are in").isFalse();
        } finally {
            Mono.from(lock.rollbackTransaction()).block();
            Mono.from(lock.close()).block();
        }
        assertThat(answer.getOrThrow().getType()).as("answered once the archive is free").isEqualTo(IQ.Type.result);
        assertThat(sentArchived(owner)).containsExactlyElementsOf(bodies);
        person.disconnect();
    }

    @Test
    void repeatedAndOutOfOrderReportsGiveOneReceipt() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            XMPPTCPConnection person = person(running, owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            String id = id("r");
            send(person, "+15557654321", id, "twice told");
            String command = host.nextCommand().attribute("id");

            host.report(command, "delivered", 0, 1);
            host.report(command, "delivered", 0, 1);
            host.report(command, "sent", 0, 1);
            Message receipt = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(DeliveryReceipt.from(receipt).getId()).isEqualTo(id);
            assertThat((Object) messages.nextResult(700)).isNull();
            assertThat(SmsTestKit.state(running, id)).isEqualTo("delivered");

            assertThatThrownBy(() -> host.report("00000000-0000-4000-8000-000000000000", "sent", 0, 1))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
            person.disconnect();
        }
    }

    @Test
    void reportsSentTogetherAreEachAppliedOnceAndEveryMessageGetsOneReceipt() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            XMPPTCPConnection person = person(running, owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(id("b" + i));
                send(person, "+1555765432" + i, ids.get(i), "together " + i);
            }
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                commands.add(host.nextCommand().attribute("id"));
            }

            // every part sent and delivered, a delivered report repeated, and one about no message, all without waiting
            List<CompletableFuture<IQ>> answers = new ArrayList<>();
            for (String command : commands) {
                for (String state : new String[] {"sent", "delivered"}) {
                    answers.add(host.reportWithoutWaiting(command, state, 0, 2));
                    answers.add(host.reportWithoutWaiting(command, state, 1, 2));
                }
                answers.add(host.reportWithoutWaiting(command, "delivered", 1, 2));
            }
            CompletableFuture<IQ> unknown = host.reportWithoutWaiting("00000000-0000-4000-8000-000000000001",
                    "sent", 0, 1);

            for (CompletableFuture<IQ> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).getType()).isEqualTo(IQ.Type.result);
            }
            assertThatThrownBy(() -> unknown.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(XMPPErrorException.class)
                    .satisfies(e -> assertThat(((XMPPErrorException) e.getCause()).getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.item_not_found));
            List<String> receipted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message receipt = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
                assertThat(receipt).as("receipt %d", i).isNotNull();
                receipted.add(DeliveryReceipt.from(receipt).getId());
            }
            assertThat(receipted).containsExactlyInAnyOrderElementsOf(ids);
            assertThat((Object) messages.nextResult(700)).as("no second receipt").isNull();
            for (String id : ids) {
                assertThat(SmsTestKit.state(running, id)).isEqualTo("delivered");
            }
            person.disconnect();
        }
    }

    @Test
    void aFailedPartSendsAnErrorWithTheOriginalId() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            XMPPTCPConnection person = person(running, owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            String id = id("f");
            send(person, "+15557654321", id, "doomed");
            String command = host.nextCommand().attribute("id");
            host.request("report", java.util.Map.of("id", command, "state", "failed", "part", "0", "parts", "1", "code", "4",
                    "reason", "no service"), "");

            Message error = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getStanzaId()).isEqualTo(id);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(error.getError().getType()).isEqualTo(StanzaError.Type.WAIT);
            assertThat(error.getError().getDescriptiveText()).contains("no service");
            assertThat(SmsTestKit.state(running, id)).isEqualTo("failed");
            awaitGauge(running, pairing.id().toString(), "failed", 1);

            // the host refusing a command outright fails the message too
            host.refuse = c -> StanzaError.Condition.bad_request;
            String refused = id("x");
            send(person, "+15557654321", refused, "refused");
            host.nextCommand();
            Message second = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(second.getStanzaId()).isEqualTo(refused);
            assertThat(second.getError().getDescriptiveText()).contains("bad-request");
            person.disconnect();
        }
    }

    @Test
    void queuedAndDispatchedMessagesSurviveARestartAndAreDeliveredOnce() throws Exception {
        String owner;
        SmsTestKit.Host pairing;
        String queued = id("q");
        String dispatched = id("d");
        RunningServer before = new RunningServer(SmsTestKit::fast);
        try {
            owner = before.newAccount(SmsTestKit.PASSWORD);
            pairing = SmsTestKit.pairHost(before, owner);
            XMPPTCPConnection person = person(before, owner);
            send(person, "+15557654321", queued, "first");
            send(person, "+15551110000", dispatched, "second");
            // as if the command had gone out and the server died before the host answered
            before.db.sql("UPDATE sms_messages SET state = 'dispatched', dispatched_at = now() WHERE xmpp_id = :id")
                    .bind("id", dispatched).then().block();
            person.disconnect();
        } finally {
            before.close();
        }

        RunningServer after = new RunningServer(SmsTestKit::fast);
        try (SmsHostClient host = new SmsHostClient(after, pairing.user(), pairing.password())) {
            XMPPTCPConnection person = person(after, owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            host.helloOneSim();
            SmsHostClient.Command first = host.nextCommand();
            SmsHostClient.Command second = host.nextCommand();
            assertThat(first.texts("body")).containsExactly("first");
            assertThat(second.texts("body")).containsExactly("second");
            for (SmsHostClient.Command command : List.of(first, second, first)) {
                host.report(command.attribute("id"), "delivered", 0, 1);
            }
            List<String> receipts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                receipts.add(DeliveryReceipt.from((Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10))).getId());
            }
            assertThat(receipts).containsExactlyInAnyOrder(queued, dispatched);
            assertThat((Object) messages.nextResult(700)).isNull();
            assertThat(host.noCommandWithin(300)).isNull();
            person.disconnect();
        } finally {
            after.close();
        }
    }

    /** A server resending unanswered commands after one second. */
    private static RunningServer impatient() throws Exception {
        return new RunningServer(settings -> settings.withSms(settings.sms().withTimes(Duration.ofHours(72),
                Duration.ofMinutes(30), Duration.ofMillis(300), Duration.ofSeconds(1))));
    }

    @Test
    void anUnansweredCommandIsSentAgainWithTheSameId() throws Exception {
        RunningServer impatient = impatient();
        try {
            String owner = impatient.newAccount(SmsTestKit.PASSWORD);
            SmsTestKit.Host pairing = SmsTestKit.pairHost(impatient, owner);
            try (SmsHostClient host = new SmsHostClient(impatient, pairing.user(), pairing.password())) {
                host.helloOneSim();
                host.leaveUnanswered(1);
                XMPPTCPConnection person = person(impatient, owner);
                String id = id("t");
                send(person, "+15557654321", id, "anyone there?");
                String first = host.nextCommand().attribute("id");
                assertThat(host.nextCommand().attribute("id")).isEqualTo(first);
                SmsSendTest.awaitState(impatient, id, "accepted");
                person.disconnect();
            }
        } finally {
            impatient.close();
        }
    }

    /**
     * A host answering after the command timeout has taken the message all the same. The gateway used to drop
     * such answers, so a host slower than the timeout left its message 'dispatched' for good while online.
     */
    @Test
    void anAnswerThatComesAfterTheResendStillCounts() throws Exception {
        RunningServer impatient = impatient();
        try {
            String owner = impatient.newAccount(SmsTestKit.PASSWORD);
            SmsTestKit.Host pairing = SmsTestKit.pairHost(impatient, owner);
            try (SmsHostClient host = new SmsHostClient(impatient, pairing.user(), pairing.password())) {
                host.helloOneSim();
                host.leaveUnanswered(Integer.MAX_VALUE);
                XMPPTCPConnection person = person(impatient, owner);
                String id = id("l");
                send(person, "+15557654321", id, "slow phone");
                String first = host.nextCommand().attribute("id");
                assertThat(host.nextCommand().attribute("id")).isEqualTo(first);
                // operators see it: dispatched, not accepted, while the host is online
                awaitGauge(impatient, pairing.id().toString(), "dispatched", 1);

                host.answerLate(0);
                SmsSendTest.awaitState(impatient, id, "accepted");
                person.disconnect();
            }
        } finally {
            impatient.close();
        }
    }

    @Test
    void aMessageTheHostNeverTakesExpiresWithAnError() throws Exception {
        RunningServer shortLived = new RunningServer(settings -> settings.withSms(settings.sms().withTimes(Duration.ofSeconds(1),
                Duration.ofMinutes(30), Duration.ofMillis(300), Duration.ofSeconds(60))));
        try {
            String owner = shortLived.newAccount(SmsTestKit.PASSWORD);
            SmsTestKit.pairHost(shortLived, owner);
            XMPPTCPConnection person = person(shortLived, owner);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            String id = id("e");
            send(person, "+15557654321", id, "too late");

            Message error = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(error.getStanzaId()).isEqualTo(id);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(error.getError().getDescriptiveText()).contains("did not take");
            assertThat(SmsTestKit.state(shortLived, id)).isEqualTo("expired");
            person.disconnect();
        } finally {
            shortLived.close();
        }
    }

    /** The sweep refreshes the per-host gauges of queued and failed messages (issue 9, health). */
    private static void awaitGauge(RunningServer server, String hostId, String state, double value) throws InterruptedException {
        // a bound, not a measure: a sweep stuck past the work limit (30 s) is abandoned and the next refreshes
        for (int i = 0; i < 1200 && !Double.valueOf(value).equals(gauge(server, hostId, state)); i++) {
            Thread.sleep(50);
        }
        assertThat(gauge(server, hostId, state)).as("switchboard.sms.outbox{host=%s,state=%s}", hostId, state).isEqualTo(value);
    }

    private static Double gauge(RunningServer server, String hostId, String state) {
        var gauge = server.meters.find("switchboard.sms.outbox").tags("host", hostId, "state", state).gauge();
        return gauge == null ? null : gauge.value();
    }

    private static List<String> publicIds(List<String> xmppIds) {
        List<String> publicIds = new ArrayList<>();
        for (String xmppId : xmppIds) {
            publicIds.add(running.db.sql("SELECT public_id::text AS p FROM sms_messages WHERE xmpp_id = :id").bind("id", xmppId)
                    .map(row -> row.get("p", String.class)).one().block());
        }
        return publicIds;
    }
}
