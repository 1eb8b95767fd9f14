package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.push_notifications.PushNotificationsManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.stanza.Jid;

/**
 * XEP-0357 end to end: a Smack client enables push, goes away, and an app server, a raw XEP-0114 component,
 * receives what the server publishes when messages arrive.
 */
class PushTest {

    private static final String PASSWORD = "push password long";
    private static final String HEADER = "<stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.PUSH_COMPONENT + "'>";

    @Test
    void anOfflineBurstIsOneNotificationWithCountAndSenderAndNoBody() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket appServer = appServer(running)) {
            String romeo = running.newAccount(PASSWORD);
            XMPPTCPConnection phone = SmackClients.connect(running, romeo, PASSWORD, "phone");
            PushNotificationsManager push = PushNotificationsManager.getInstanceFor(phone);
            assertThat(push.isSupported()).isTrue();
            assertThat(push.enable(JidCreate.from(RunningServer.PUSH_COMPONENT), "romeo-node", Map.of("secret", "app-s3cret"))).isTrue();
            goAway(running, phone, romeo);

            XMPPTCPConnection juliet = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "balcony");
            for (String text : new String[] {"first line", "second line", "third line"}) {
                juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                        .ofType(Message.Type.chat).setBody(text).build());
            }

            String publish = appServer.readUntil("</iq>");
            assertThat(publish).contains("from='" + RunningServer.DOMAIN + "'", "type='set'", "<publish node='romeo-node'>",
                    "<notification xmlns='urn:xmpp:push:0'>", "<value>urn:xmpp:push:summary</value>",
                    "<field var='message-count'><value>3</value></field>",
                    "<field var='last-message-sender'><value>" + juliet.getUser() + "</value></field>",
                    "<publish-options>", "<value>app-s3cret</value>");
            assertThat(publish).doesNotContain("line", "last-message-body", "<body");
            appServer.send("<iq type='result' id='" + RawXmppSocket.attribute(publish, "id") + "' from='" + RunningServer.PUSH_COMPONENT
                    + "' to='" + RunningServer.DOMAIN + "'/>");

            // more of the same burst: counted, not notified again before the account comes back or two minutes pass
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                    .ofType(Message.Type.chat).setBody("fourth line").build());
            Thread.sleep(1500); // past the hold-off, so a wrong second notification would be on its way
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("marker@" + RunningServer.PUSH_COMPONENT))
                    .setBody("marker").build());
            assertThat(appServer.readUntil("</message>")).doesNotContain("<iq").contains("marker");
            juliet.disconnect();
        }
    }

    @Test
    void anAppServerErrorDisablesTheRegistrationButATransientOneDoesNot() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket appServer = appServer(running)) {
            String romeo = running.newAccount(PASSWORD);
            XMPPTCPConnection phone = SmackClients.connect(running, romeo, PASSWORD, "phone");
            PushNotificationsManager push = PushNotificationsManager.getInstanceFor(phone);
            assertThat(push.enable(JidCreate.from(RunningServer.PUSH_COMPONENT), "node-gone")).isTrue();
            assertThat(push.enable(JidCreate.from(RunningServer.PUSH_COMPONENT), "node-busy")).isTrue();
            assertThat(registrations(romeo)).isEqualTo(2);
            goAway(running, phone, romeo);

            XMPPTCPConnection juliet = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "balcony");
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                    .ofType(Message.Type.chat).setBody("are you there?").build());
            for (int i = 0; i < 2; i++) {
                String publish = appServer.readUntil("</iq>");
                String id = RawXmppSocket.attribute(publish, "id");
                String error = publish.contains("node-gone")
                        ? "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                        : "<error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>";
                appServer.send("<iq type='error' id='" + id + "' from='" + RunningServer.PUSH_COMPONENT + "' to='" + RunningServer.DOMAIN
                        + "'>" + error + "</iq>");
            }

            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (registrations(romeo) > 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(registrations(romeo)).isEqualTo(1);
            assertThat(nodes(romeo)).isEqualTo("node-busy");
            juliet.disconnect();
        }
    }

    @Test
    void registrationsSurviveARestart() throws Exception {
        String romeo;
        try (RunningServer before = new RunningServer()) {
            romeo = before.newAccount(PASSWORD);
            XMPPTCPConnection phone = SmackClients.connect(before, romeo, PASSWORD, "phone");
            assertThat(PushNotificationsManager.getInstanceFor(phone).enable(JidCreate.from(RunningServer.PUSH_COMPONENT), "kept-node")).isTrue();
            phone.disconnect();
        }

        try (RunningServer after = new RunningServer(); RawXmppSocket appServer = appServer(after)) {
            XMPPTCPConnection juliet = SmackClients.connect(after, after.newAccount(PASSWORD), PASSWORD, "balcony");
            juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(romeo + "@" + RunningServer.DOMAIN))
                    .ofType(Message.Type.chat).setBody("after the restart").build());

            assertThat(appServer.readUntil("</iq>")).contains("<publish node='kept-node'>", "<value>1</value>");
            juliet.disconnect();
        }
    }

    @Test
    void anAppServerThisServerCannotReachIsRefusedAtOnce() throws Exception {
        try (RunningServer running = new RunningServer()) {
            String romeo = running.newAccount(PASSWORD);
            XMPPTCPConnection phone = SmackClients.connect(running, romeo, PASSWORD, "phone");
            PushNotificationsManager push = PushNotificationsManager.getInstanceFor(phone);

            assertThatThrownBy(() -> push.enable(JidCreate.from("push.elsewhere.example"), "n"))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.remote_server_not_found));
            assertThat(registrations(romeo)).isZero();
            assertThat(PingManager.getInstanceFor(phone).pingMyServer(true)).isTrue();
            phone.disconnect();
        }
    }

    /** The client disconnects, and the test waits until the server has ended its session. */
    private static void goAway(RunningServer running, XMPPTCPConnection connection, String localpart) throws InterruptedException {
        connection.disconnect();
        Jid account = Jid.parse(localpart + "@" + RunningServer.DOMAIN);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!running.server.sessions().sessions(account).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(running.server.sessions().sessions(account)).isEmpty();
    }

    private static RawXmppSocket appServer(RunningServer running) throws Exception {
        RawXmppSocket component = new RawXmppSocket(running.server.componentPort());
        component.send(HEADER);
        component.readUntil("<stream:stream");
        String header = component.readUntil(">");
        String handshake = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((RawXmppSocket.attribute(header, "id") + RunningServer.PUSH_COMPONENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        component.send("<handshake>" + handshake + "</handshake>");
        component.readUntil("<handshake/>");
        return component;
    }

    private static long registrations(String localpart) {
        return TestDatabase.client().sql("SELECT count(*) AS n FROM xmpp_push_registrations r JOIN accounts a ON a.id = r.account_id "
                        + "WHERE a.localpart = :localpart")
                .bind("localpart", localpart).map(row -> row.get("n", Long.class)).one().block();
    }

    private static String nodes(String localpart) {
        return TestDatabase.client().sql("SELECT string_agg(node, ',') AS nodes FROM xmpp_push_registrations r "
                        + "JOIN accounts a ON a.id = r.account_id WHERE a.localpart = :localpart")
                .bind("localpart", localpart).map(row -> row.get("nodes", String.class)).one().block();
    }
}
