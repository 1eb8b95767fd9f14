package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Disco, XEP-0100, the sending SIM, contact presence, host health notices and the gateway's ad-hoc commands. */
class SmsGatewayServicesTest {

    private static final String TWO_SIMS = "<sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551230000' region='US'/>"
            + "<sim subscription-id='2' slot='1' carrier='Other Tel' number='+15559870000' region='US'/>";

    @StartedServer(settings = "shortTimes") private static RunningServer running;

    static XmppSettings shortTimes(XmppSettings settings) {
        return settings.withSms(settings.sms().withTimes(Duration.ofHours(72), Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(60)));
    }

    private static XMPPTCPConnection person(String user) throws Exception {
        return SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, SmsTestKit.PASSWORD);
    }

    private static IQ iq(XMPPTCPConnection connection, IQ.Type type, String element, String namespace, Map<String, String> attributes,
                         String inner) throws Exception {
        SmsHostClient.HostIq iq = new SmsHostClient.HostIq(element, namespace, attributes, inner);
        iq.setTo(JidCreate.domainBareFrom(SmsTestKit.GATEWAY));
        iq.setType(type);
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    private static String command(XMPPTCPConnection person, String node, String fields) throws Exception {
        String form = fields == null ? "" : "<x xmlns='jabber:x:data' type='submit'>" + fields + "</x>";
        return iq(person, IQ.Type.set, "command", "http://jabber.org/protocol/commands",
                Map.of("node", node, "action", fields == null ? "execute" : "complete"), form).toXML().toString();
    }

    /** The answer's payload as XML text (Smack keeps payloads it has no provider for unparsed). */
    private static String text(IQ iq) {
        return iq instanceof UnparsedIQ unparsed ? unparsed.getContent().toString() : iq.toXML().toString();
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    private static void send(XMPPTCPConnection person, String to, String id, StandardExtensionElement sim) throws Exception {
        var message = StanzaBuilder.buildMessage(id).to(JidCreate.entityBareFrom(to + "@" + SmsTestKit.GATEWAY))
                .ofType(Message.Type.chat).setBody("hello " + id);
        if (sim != null) {
            message.addExtension(sim);
        }
        person.sendStanza(message.build());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    private static StandardExtensionElement sim(String attribute, String value) {
        return StandardExtensionElement.builder("sim", SmsHostClient.NS).addAttribute(attribute, value).build();
    }

    @Test
    void discoAndTheGatewayIqTurnATypedNumberIntoAJid() throws Exception {
        XMPPTCPConnection person = person(running.newAccount(SmsTestKit.PASSWORD));
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(person).discoverInfo(JidCreate.from(SmsTestKit.GATEWAY));
        assertThat(info.hasIdentity("gateway", "sms")).isTrue();
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("jabber:iq:gateway", "urn:xmpp:receipts",
                "http://jabber.org/protocol/address", "http://jabber.org/protocol/commands");

        assertThat(text(iq(person, IQ.Type.get, "query", "jabber:iq:gateway", Map.of(), ""))).contains("<prompt>Phone Number</prompt>");
        String answer = text(iq(person, IQ.Type.set, "query", "jabber:iq:gateway", Map.of(), "<prompt>(555) 765-4321</prompt>"));
        assertThat(answer).contains("<jid>+15557654321@" + SmsTestKit.GATEWAY + "</jid>");
        assertThatThrownBy(() -> iq(person, IQ.Type.set, "query", "jabber:iq:gateway", Map.of(), "<prompt>pizza</prompt>"))
                .isInstanceOfSatisfying(XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        person.disconnect();
    }

    @Test
    void theSendingSimFollowsTheContactTheMessageAndTheChoice() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(owner);
        try (SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password())) {
            host.hello(TWO_SIMS);
            send(person, "+15557654321", "s1", null);
            assertThat(host.nextCommand().attribute("subscription-id")).isEqualTo("1");

            // the contact wrote to SIM 2: replies leave from SIM 2
            host.request("inbound", Map.of("id", "sim-in-1", "from", "+15557654321", "subscription-id", "2"), "<body>hi</body>");
            send(person, "+15557654321", "s2", null);
            assertThat(host.nextCommand().attribute("subscription-id")).isEqualTo("2");

            // per message, by subscription id or by the SIM's number
            send(person, "+15557654321", "s3", sim("subscription-id", "1"));
            assertThat(host.nextCommand().attribute("subscription-id")).isEqualTo("1");
            send(person, "+15550001111", "s4", sim("number", "+15559870000"));
            assertThat(host.nextCommand().attribute("subscription-id")).isEqualTo("2");

            // chosen by command: stays, even when the contact writes to the other SIM
            String simOne = running.db.sql("SELECT id::text AS id FROM sms_sims WHERE host_id = :host AND subscription_id = 1")
                    .bind("host", pairing.id()).map(row -> row.get("id", String.class)).one().block();
            assertThat(command(person, "choose-sim", null)).contains("Other Tel");
            assertThat(command(person, "choose-sim", field("contact", "555-765-4321") + field("sim", simOne))).contains("status='completed'");
            host.request("inbound", Map.of("id", "sim-in-2", "from", "+15557654321", "subscription-id", "2"), "<body>hi again</body>");
            send(person, "+15557654321", "s5", null);
            assertThat(host.nextCommand().attribute("subscription-id")).isEqualTo("1");

            assertThat(command(person, "hosts", null)).contains("Kitchen phone (online").contains("+15559870000").contains("battery 87%");
            // the host's answer to the command may still be being committed
            SmsSendTest.awaitState(running, "s5", "accepted");
            assertThat(command(person, "message-state", field("id", "s5"))).contains("accepted");
        }
        person.disconnect();
    }

    @Test
    void contactsMirrorTheHostAndTheOwnerHearsWhenItIsAwayAndBack() throws Exception {
        String owner = running.newAccount(SmsTestKit.PASSWORD);
        SmsTestKit.Host pairing = SmsTestKit.pairHost(running, owner);
        XMPPTCPConnection person = person(owner);
        StanzaCollector presences = person.createStanzaCollector(StanzaTypeFilter.PRESENCE);
        StanzaCollector messages = person.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        String contact = "+15557654321@" + SmsTestKit.GATEWAY;
        SmsHostClient host = new SmsHostClient(running, pairing.user(), pairing.password());
        host.helloOneSim();
        person.sendStanza(StanzaBuilder.buildPresence().to(JidCreate.from(contact)).ofType(Presence.Type.subscribe).build());
        assertThat(nextFrom(presences, contact).getType()).isEqualTo(Presence.Type.subscribed);
        nextFrom(presences, contact, Presence.Type.available);

        host.close();
        // the server may also have probed the new contact, so a repeated 'available' can come first
        nextFrom(presences, contact, Presence.Type.unavailable);
        Message away = (Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10));
        assertThat(away.getFrom().toString()).isEqualTo(SmsTestKit.GATEWAY);
        assertThat(away.getBody()).contains("Kitchen phone").contains("unreachable");

        try (SmsHostClient back = new SmsHostClient(running, pairing.user(), pairing.password())) {
            back.helloOneSim();
            nextFrom(presences, contact, Presence.Type.available);
            assertThat(((Message) messages.nextResult(TimeUnit.SECONDS.toMillis(10))).getBody()).contains("reachable again");
            assertThat(command(person, "dial", field("number", "+1 555 222 3333"))).contains("calling");
            SmsHostClient.Command dial = back.nextCommand();
            assertThat(dial.name()).isEqualTo("dial");
            assertThat(dial.texts("to")).containsExactly("+15552223333");
        }
        person.disconnect();
    }

    /** Waits for a presence of this type from {@code from}, skipping repeats of the previous one. */
    private static void nextFrom(StanzaCollector presences, String from, Presence.Type type) throws Exception {
        for (int i = 0; i < 5; i++) {
            if (nextFrom(presences, from).getType() == type) {
                return;
            }
        }
        throw new AssertionError("no " + type + " presence from " + from);
    }

    private static Presence nextFrom(StanzaCollector presences, String from) throws Exception {
        for (int i = 0; i < 10; i++) {
            Presence presence = (Presence) presences.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat((Object) presence).as("a presence from " + from).isNotNull();
            if (presence.getFrom().toString().equals(from)) {
                return presence;
            }
        }
        throw new AssertionError("no presence from " + from);
    }
}
