package org.switchboard.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.host.radio.TestRadio.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.connection.HostTrust;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.TestRadio;

/**
 * The server (with its SMS gateway) in a child JVM killed with SIGKILL while texts flow both ways through a
 * host core attached to it, then started again on the same port and data: the host reconnects by itself with
 * backoff, the person's client sends again every text the dead server had not acknowledged, and yet every text
 * leaves the radio exactly once and in order per conversation, every receipt and every incoming text reaches the
 * person, and the outbox holds each text once.
 */
class ServerKilledMidFlightTest {

    private static final String PASSWORD = "a password that is long enough 0123456789";
    private static final List<String> PEERS = List.of("+15557654321", "+15557654322", "+15557654323");
    private static final int TEXTS = 60;
    private static final int INBOUND = 5;

    @TempDir
    Path dir;

    @Test
    void theServerKilledMidFlightAndRestartedLosesNothingAndSendsNothingTwice() throws Exception {
        DatabaseClient db = TestDatabase.client();
        Path serverDir = dir.resolve("server");
        PostgresAccountStore accounts = TestServer.accountStore(db, serverDir);
        String owner = TestServer.newAccount(accounts, AccountKind.PERSON, PASSWORD);
        String hostUser = TestServer.pairHost(accounts, db, owner, PASSWORD);
        int port = ServerChild.freePort();

        ServerChild server = ServerChild.start(serverDir, port);
        HostTrust trust = HostTrust.pinnedSha256(server.fingerprint);
        // every part sent and delivered at once, but only as far as the gate lets the radio go: the first ten texts,
        // then nothing until the server is dead, so the kill comes with commands, reports and texts in flight
        Semaphore gate = new Semaphore(10);
        TestRadio radio = new TestRadio().autoDelivered().beforeSend(request -> gate.acquireUninterruptibly());
        HostSettings settings = HostSettings.defaults(TestServer.hostCredentials(port, hostUser, PASSWORD, TestServer.GATEWAY), trust,
                dir.resolve("host"), "1.0.0-e2e").withThrottle(60_000, 100).withReplyTimeout(Duration.ofSeconds(2));
        List<Message> got = new CopyOnWriteArrayList<>();
        try (HostCore host = new HostCore(settings, radio)) {
            host.start();
            // the person's client asks for no acknowledgement (Smack otherwise would after each message), so every
            // text is one it holds as unacknowledged when the server dies and sends again once it is back: what a
            // client does after a crash between the commit and <a/>, when the new server cannot resume its stream
            AtomicInteger textsSent = new AtomicInteger();
            XMPPTCPConnection person = TestServer.client(port, trust, owner, PASSWORD, "laptop", connection -> {
                connection.addSyncStanzaListener(stanza -> got.add((Message) stanza), StanzaTypeFilter.MESSAGE);
                connection.addRequestAckPredicate(stanza -> false);
                connection.addStanzaSendingListener(stanza -> textsSent.incrementAndGet(),
                        stanza -> stanza instanceof Message message && message.getBody() != null);
            });
            person.setReplyTimeout(60_000); // the ping below waits behind 60 commits of a freshly started server
            await("the host online", 30, () -> hostOnline(db, hostUser));

            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (int i = 0; i < TEXTS; i++) {
                String to = PEERS.get(i % PEERS.size());
                expected.computeIfAbsent(to, k -> new ArrayList<>()).add("text " + i);
                person.sendStanza(StanzaBuilder.buildMessage("t-" + i).to(JidCreate.entityBareFrom(to + "@" + TestServer.GATEWAY))
                        .ofType(Message.Type.chat).setBody("text " + i).addExtension(new DeliveryReceiptRequest()).build());
            }
            // one session's stanzas are handled in order: once the ping is answered, every text is committed
            assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
            await("ten texts at the radio", 60, () -> radio.sent().size() >= 10);
            await("more accepted by the host", 60, () -> host.queue().undispatched().size() >= 2);

            server.kill();
            int waiting = host.queue().undispatched().size();
            for (int i = 0; i < INBOUND; i++) {
                radio.receive("+15557654321", "while the server is down " + i);
            }
            gate.release(TEXTS * 2); // the host goes on with what it accepted; the reports wait on its disk
            await("the accepted texts sent while the server is down", 60, () -> host.queue().undispatched().isEmpty());
            int unacknowledged = host.queue().unacknowledged().size();
            System.out.printf("killed the server with 10 of %d texts at the radio and %d accepted by the host; %d sent while "
                    + "it was down; %d reports and texts uncommitted%n", TEXTS, waiting, radio.sent().size() - 10, unacknowledged);
            assertThat(unacknowledged).as("reports and texts the dead gateway never committed").isGreaterThan(INBOUND);
            await("the person's client seeing its stream end", 30, () -> !person.isConnected());

            server = ServerChild.start(serverDir, port);
            person.connect(); // logs in again by itself; the new server cannot resume the stream, so the texts go again
            if (!person.isAuthenticated()) {
                person.login();
            }
            await("every text at the radio", 120, () -> radio.sent().size() >= TEXTS);
            await("every report and text committed", 120, () -> host.queue().unacknowledged().isEmpty());
            await("every receipt", 60, () -> receiptIds(got).size() >= TEXTS);
            await("every incoming text", 60, () -> inbound(got).size() >= INBOUND);
            Thread.sleep(1_000);

            assertThat(radio.sent().stream().map(SendRequest::commandId).distinct().count()).as("each text handed over once")
                    .isEqualTo(radio.sent().size()).isEqualTo(TEXTS);
            Map<String, List<String>> actual = new LinkedHashMap<>();
            for (SendRequest request : radio.sent()) {
                actual.computeIfAbsent(request.to(), k -> new ArrayList<>()).add(request.parts().get(0));
            }
            assertThat(actual).as("FIFO per conversation across the kill").isEqualTo(expected);
            Set<String> wanted = new java.util.HashSet<>();
            for (int i = 0; i < TEXTS; i++) {
                wanted.add("t-" + i);
            }
            assertThat(receiptIds(got)).isEqualTo(wanted);
            List<String> incoming = inbound(got);
            List<String> expectedIncoming = new ArrayList<>();
            for (int i = 0; i < INBOUND; i++) {
                expectedIncoming.add("while the server is down " + i);
            }
            assertThat(incoming).as("each incoming text once, in order").isEqualTo(expectedIncoming);
            assertThat(states(db, owner)).as("the gateway's outbox").containsOnlyKeys("delivered").containsEntry("delivered", (long) TEXTS);
            assertThat(textsSent.get()).as("the client's texts, each sent before the kill and again after it").isEqualTo(2 * TEXTS);
            person.disconnect();
        } finally {
            server.close();
        }
    }

    private static Set<String> receiptIds(List<Message> got) {
        return got.stream().map(DeliveryReceipt::from).filter(java.util.Objects::nonNull).map(DeliveryReceipt::getId)
                .collect(Collectors.toSet());
    }

    private static List<String> inbound(List<Message> got) {
        return got.stream().filter(m -> m.getBody() != null && m.getType() != Message.Type.error).map(Message::getBody).toList();
    }

    private static boolean hostOnline(DatabaseClient db, String hostUser) {
        return db.sql("SELECT count(*) AS n FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id "
                        + "JOIN accounts a ON a.id = h.account_id WHERE a.localpart = :host")
                .bind("host", hostUser).map(row -> row.get("n", Long.class)).one().block() == 2;
    }

    private static Map<String, Long> states(DatabaseClient db, String owner) {
        Map<String, Long> states = new LinkedHashMap<>();
        db.sql("SELECT m.state, count(*) AS n FROM sms_messages m JOIN accounts o ON o.id = m.owner_id "
                        + "WHERE o.localpart = :owner AND m.direction = 'out' GROUP BY m.state")
                .bind("owner", owner).map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all().doOnNext(entry -> states.put(entry.getKey(), entry.getValue())).blockLast();
        return states;
    }
}
