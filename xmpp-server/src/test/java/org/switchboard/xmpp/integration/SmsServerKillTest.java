package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.testing.TestDatabase;

/**
 * Issue 9's "the server killed with kill -9 mid-flight and restarted": commands out to the host and not yet
 * answered, another message queued behind them, then SIGKILL. After the restart nothing is lost, the host
 * gets the unanswered commands again under their ids, and the person gets one receipt per message.
 */
class SmsServerKillTest {

    @Test
    void aServerKilledMidFlightSendsEverythingAgainUnderTheSameIdsAndReceiptsOnce() throws Exception {
        DatabaseClient db = TestDatabase.client();
        Path dataDir = Files.createTempDirectory("sms-kill");
        PostgresAccountStore accounts = new PostgresAccountStore(db, RunningServer.DOMAIN,
                CoreSettings.defaults(RunningServer.DOMAIN, dataDir).passwordIterations());
        String owner = "kill" + ProcessHandle.current().pid() + "o" + System.nanoTime();
        String hostUser = "kill" + ProcessHandle.current().pid() + "h" + System.nanoTime();
        String hostPassword = "host password " + UUID.randomUUID();
        accounts.create(owner, SmsTestKit.PASSWORD, AccountKind.PERSON, Set.of()).block();
        var hostAccount = accounts.create(hostUser, hostPassword, AccountKind.HOST, Set.of()).block();
        db.sql("INSERT INTO sms_hosts (id, owner_id, account_id, name, paired_at) "
                        + "SELECT :id, a.id, :account, 'Kitchen phone', now() FROM accounts a WHERE a.localpart = :owner")
                .bind("id", UUID.randomUUID()).bind("account", hostAccount.id()).bind("owner", owner).then().block();
        List<String> ids = List.of("k1-" + System.nanoTime(), "k2-" + System.nanoTime(), "k3-" + System.nanoTime());
        List<String> dispatchedIds = new ArrayList<>();

        try (SmsServerProcess first = SmsServerProcess.start(TestDatabase.settings(), dataDir)) {
            SmsHostClient host = new SmsHostClient(SmackClients.connect(first.port, first.trustManager, hostUser, hostPassword));
            host.helloOneSim();
            host.leaveUnanswered(Integer.MAX_VALUE);
            XMPPTCPConnection person = SmackClients.connect(first.port, first.trustManager, owner, SmsTestKit.PASSWORD);
            send(person, "+15557654321", ids.get(0), "first to A");
            send(person, "+15557654321", ids.get(1), "second to A");
            send(person, "+15550001111", ids.get(2), "first to B");
            // in flight: A's first and B's first; A's second waits for A's first to be accepted
            dispatchedIds.add(host.nextCommand().attribute("id"));
            dispatchedIds.add(host.nextCommand().attribute("id"));
            first.kill();
        }
        assertThat(state(db, ids.get(0))).isEqualTo("dispatched");
        assertThat(state(db, ids.get(1))).isEqualTo("queued");
        assertThat(state(db, ids.get(2))).isEqualTo("dispatched");

        try (SmsServerProcess again = SmsServerProcess.start(TestDatabase.settings(), dataDir)) {
            XMPPTCPConnection person = SmackClients.connect(again.port, again.trustManager, owner, SmsTestKit.PASSWORD);
            StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            SmsHostClient host = new SmsHostClient(SmackClients.connect(again.port, again.trustManager, hostUser, hostPassword));
            host.helloOneSim();
            List<String> resent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SmsHostClient.Command command = host.nextCommand();
                resent.add(command.attribute("id"));
                host.report(command.attribute("id"), "delivered", 0, 1);
            }
            // the commands that were in flight come again under the ids the host may already hold
            assertThat(resent).containsAll(dispatchedIds).doesNotHaveDuplicates();
            List<String> receipts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message receipt = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(20));
                assertThat((Object) receipt).as("receipt %d", i + 1).isNotNull();
                receipts.add(DeliveryReceipt.from(receipt).getId());
            }
            assertThat(receipts).containsExactlyInAnyOrderElementsOf(ids);
            assertThat((Object) messages.nextResult(700)).isNull();
            host.close();
            person.disconnect();
        }
    }

    private static void send(XMPPTCPConnection person, String to, String id, String body) throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage(id).to(JidCreate.entityBareFrom(to + "@" + SmsTestKit.GATEWAY))
                .ofType(Message.Type.chat).setBody(body).addExtension(new DeliveryReceiptRequest()).build());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    private static String state(DatabaseClient db, String xmppId) {
        return db.sql("SELECT state FROM sms_messages WHERE xmpp_id = :id").bind("id", xmppId)
                .map(row -> row.get("state", String.class)).one().block();
    }
}
