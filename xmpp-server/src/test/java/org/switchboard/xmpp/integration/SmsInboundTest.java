package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.address.packet.MultipleAddresses;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Incoming SMS, group texts and calls (host-protocol.md 5.2, 5.3), and who may speak the host protocol. */
class SmsInboundTest {

    @StartedServer(settings = "SmsTestKit#fast") private static RunningServer running;

    private static XMPPTCPConnection person(String user) throws Exception {
        return SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, SmsTestKit.PASSWORD);
    }

    private static XMPPTCPConnection personWithoutPresence(String user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN).setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(running.server.c2sPort()).setUsernameAndPassword(user, SmsTestKit.PASSWORD).setResource("phone")
                .setCustomX509TrustManager(running.trustManager).addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false).build());
        connection.connect().login();
        return connection;
    }

    @Test
    void anSmsToAnOfflinePersonWaitsInOfflineStorageAndIsDeduplicatedById() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            host.inbound("in-1", "+15557654321", "On my way");
            host.inbound("in-1", "+15557654321", "On my way");
            host.inbound("in-2", "+15557654321", "On my way");
        }
        XMPPTCPConnection person = personWithoutPresence(owner);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        person.sendStanza(person.getStanzaFactory().buildPresenceStanza().build());
        for (int i = 0; i < 2; i++) {
            Message message = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(message.getBody()).isEqualTo("On my way");
            assertThat(message.getFrom().toString()).isEqualTo("+15557654321@" + SmsTestKit.GATEWAY);
            assertThat(message.getType()).isEqualTo(Message.Type.chat);
        }
        // the repeat of in-1 was answered, not stored again: two identical texts, two messages, no third
        assertThat((Object) messages.nextResult(700)).isNull();
        person.disconnect();
    }

    @Test
    void aCommittedButUnroutedSmsIsRoutedWhenTheHostRepeatsIt() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        // as if the server had committed it and stopped before routing
        running.db.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, direction, peers, conversation, body, state, host_event_id) "
                        + "SELECT :pid, owner_id, id, 'in', ARRAY['+15557654321'], '+15557654321', 'committed once', 'received', 'crash-1' "
                        + "FROM sms_hosts WHERE id = :host")
                .bind("pid", UUID.randomUUID()).bind("host", pairing.id()).then().block();
        XMPPTCPConnection person = person(owner);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            host.inbound("crash-1", "+15557654321", "committed once");
            assertThat(((Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10))).getBody()).isEqualTo("committed once");
            host.inbound("crash-1", "+15557654321", "committed once");
            assertThat((Object) messages.nextResult(700)).isNull();
        }
        person.disconnect();
    }

    @Test
    void groupTextsBothWays() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(owner);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            host.request("inbound", Map.of("id", "g-1", "from", "+15557654321", "subscription-id", "1"),
                    "<body>party at 8</body><to>+15551112222</to><to>+15551230000</to>");
            Message in = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(in.getFrom().toString()).isEqualTo("+15551112222,+15557654321@" + SmsTestKit.GATEWAY);
            MultipleAddresses addresses = in.getExtension(MultipleAddresses.class);
            assertThat(addresses.getAddressesOfType(MultipleAddresses.Type.to)).extracting(MultipleAddresses.Address::getUri)
                    .contains("sms:+15551112222", "sms:+15557654321");

            // a client without XEP-0033 answers the group JID
            person.sendStanza(StanzaBuilder.buildMessage("g-out-1").to(in.getFrom()).ofType(Message.Type.chat)
                    .setBody("count me in").build());
            assertThat(host.nextCommand().texts("to")).containsExactly("+15551112222", "+15557654321");

            // a client with XEP-0033 writes to the gateway with sms: addresses
            MultipleAddresses sms = new MultipleAddresses();
            sms.addAddress(MultipleAddresses.Type.to, null, null, null, false, "sms:+15553334444");
            sms.addAddress(MultipleAddresses.Type.to, null, null, null, false, "sms:+1 555 111 2222");
            person.sendStanza(StanzaBuilder.buildMessage("g-out-2").to(JidCreate.domainBareFrom(SmsTestKit.GATEWAY))
                    .ofType(Message.Type.chat).setBody("me too").addExtension(sms).build());
            SmsHostClient.Command second = host.nextCommand();
            assertThat(second.texts("to")).containsExactly("+15551112222", "+15553334444");
            assertThat(second.texts("body")).containsExactly("me too");
        }
        person.disconnect();
    }

    @Test
    void aMissedCallBecomesANoticeFromTheCaller() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(owner);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.helloOneSim();
            Map<String, String> call = Map.of("id", "c-1", "from", "+15557654321", "subscription-id", "1", "state", "missed",
                    "at", "2026-11-30T10:20:00Z");
            host.request("call", call, "");
            host.request("call", call, "");
            Message notice = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(notice.getFrom().toString()).isEqualTo("+15557654321@" + SmsTestKit.GATEWAY);
            assertThat(notice.getBody()).contains("Missed call").contains("+15557654321");
            assertThat((Object) messages.nextResult(700)).isNull();
        }
        person.disconnect();
    }

    @Test
    void onlyPairedHostsSpeakTheHostProtocolAndMalformedPayloadsAreBadRequests() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        XMPPTCPConnection person = person(owner);
        SmsHostClient.HostIq hello = new SmsHostClient.HostIq("hello", Map.of(), "");
        hello.setTo(JidCreate.domainBareFrom(SmsTestKit.GATEWAY));
        hello.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        assertThatThrownBy(() -> person.sendIqRequestAndWaitForResponse(hello)).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        person.disconnect();

        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            assertThatThrownBy(() -> host.request("report", Map.of("id", "nope", "state", "sent"), ""))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
                        assertThat(e.getStanzaError().getDescriptiveText()).contains("'id'");
                    });
            assertThatThrownBy(() -> host.request("inbound", Map.of("id", "x", "from", "not a number!"), "<body>hi</body>"))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request));
            assertThatThrownBy(() -> host.request("teleport", Map.of("id", "x"), ""))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented));
        }
    }
}
