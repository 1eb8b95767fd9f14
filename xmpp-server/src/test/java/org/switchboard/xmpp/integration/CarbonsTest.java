package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0280 with real clients: Romeo on two resources with carbons on, Juliet on one. Every check ends with
 * a marker message whose arrival proves that nothing sent before it is still on its way, since one
 * sender's stanzas are handled in order and copies are written while the original is handled.
 */
class CarbonsTest {

    private static final String PASSWORD = "carbon copy password";
    @StartedServer private static RunningServer running;

    private XMPPTCPConnection phone;
    private XMPPTCPConnection laptop;
    private XMPPTCPConnection juliet;
    private StanzaCollector atPhone;
    private StanzaCollector atLaptop;
    private StanzaCollector atJuliet;
    private int markers;

    @BeforeEach
    void connect() throws Exception {
        String romeo = running.newAccount(PASSWORD);
        phone = SmackClients.connect(running, romeo, PASSWORD, "phone");
        laptop = SmackClients.connect(running, romeo, PASSWORD, "laptop");
        juliet = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "balcony");
        assertThat(CarbonManager.getInstanceFor(phone).isSupportedByServer()).isTrue();
        CarbonManager.getInstanceFor(phone).enableCarbons();
        CarbonManager.getInstanceFor(laptop).enableCarbons();
        atPhone = phone.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        atLaptop = laptop.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        atJuliet = juliet.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        // a session's stanzas are handled in order, so once these pings are answered the server has the initial
        // presences the clients sent during login: a message to a bare JID then finds the resources available
        for (XMPPTCPConnection connection : List.of(phone, laptop, juliet)) {
            assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(connection).pingMyServer(true)).isTrue();
        }
    }

    @AfterEach
    void disconnect() {
        phone.disconnect();
        laptop.disconnect();
        juliet.disconnect();
    }

    @Test
    void theServerAdvertisesCarbonsAndItsRules() throws Exception {
        assertThat(ServiceDiscoveryManager.getInstanceFor(phone).serverSupportsFeature("urn:xmpp:carbons:2")).isTrue();
        assertThat(ServiceDiscoveryManager.getInstanceFor(phone).serverSupportsFeature("urn:xmpp:carbons:rules:0")).isTrue();
    }

    @Test
    void aMessageToOneResourceIsCopiedToTheOtherAsReceived() throws Exception {
        send(juliet, phone.getUser(), "to your phone");

        assertThat(bodies(until(atPhone, marker(juliet, phone)))).containsExactly("to your phone");
        List<Message> copies = until(atLaptop, marker(juliet, laptop));
        assertThat(copies).hasSize(1);
        CarbonExtension copy = CarbonExtension.from(copies.get(0));
        assertThat(copy.getDirection()).isEqualTo(CarbonExtension.Direction.received);
        assertThat(copies.get(0).getFrom().toString()).isEqualTo(phone.getUser().asBareJid().toString());
        assertThat(copy.getForwarded().getForwardedStanza().getBody()).isEqualTo("to your phone");
        assertThat(copy.getForwarded().getForwardedStanza().getFrom().toString()).isEqualTo(juliet.getUser().toString());
    }

    @Test
    void aMessageOneResourceSendsIsCopiedToTheOtherAsSentAndNotBackToTheSender() throws Exception {
        send(phone, juliet.getUser().asBareJid(), "from my phone");

        assertThat(bodies(until(atJuliet, marker(phone, juliet)))).containsExactly("from my phone");
        List<Message> copies = until(atLaptop, marker(juliet, laptop));
        assertThat(copies).hasSize(1);
        CarbonExtension copy = CarbonExtension.from(copies.get(0));
        assertThat(copy.getDirection()).isEqualTo(CarbonExtension.Direction.sent);
        assertThat(copies.get(0).getFrom().toString()).isEqualTo(phone.getUser().asBareJid().toString());
        assertThat(copy.getForwarded().getForwardedStanza().getBody()).isEqualTo("from my phone");
        assertThat(copy.getForwarded().getForwardedStanza().getTo().toString()).isEqualTo(juliet.getUser().asBareJid().toString());
        assertThat(until(atPhone, marker(juliet, phone))).isEmpty();
    }

    @Test
    void privateAndNoCopyMessagesAreNotCopiedEitherWay() throws Exception {
        StandardExtensionElement privateElement = StandardExtensionElement.builder("private", "urn:xmpp:carbons:2").build();
        StandardExtensionElement noCopy = StandardExtensionElement.builder("no-copy", "urn:xmpp:hints").build();
        send(juliet, phone.getUser(), "private to phone", privateElement);
        send(juliet, phone.getUser(), "no-copy to phone", noCopy);
        send(phone, juliet.getUser(), "private from phone", privateElement);
        send(phone, juliet.getUser(), "no-copy from phone", noCopy);

        List<Message> atJulietBefore = until(atJuliet, marker(phone, juliet));
        assertThat(bodies(atJulietBefore)).containsExactly("private from phone", "no-copy from phone");
        // section 9: <private/> is for the servers, the recipient gets the message without it
        assertThat(atJulietBefore.get(0).hasExtension("private", "urn:xmpp:carbons:2")).isFalse();
        assertThat(bodies(until(atPhone, marker(juliet, phone)))).containsExactly("private to phone", "no-copy to phone");
        assertThat(until(atLaptop, marker(juliet, laptop))).isEmpty();
    }

    @Test
    void aMessageToTheBareJidThatEveryResourceGetsIsNotCopiedToAny() throws Exception {
        send(juliet, phone.getUser().asBareJid(), "to all of you");

        // both resources have priority 0, so both get the original (RFC 6121 section 8.5.2.1.1) and no copy
        assertThat(bodies(until(atPhone, marker(juliet, phone)))).containsExactly("to all of you");
        assertThat(bodies(until(atLaptop, marker(juliet, laptop)))).containsExactly("to all of you");
    }

    @Test
    void aResourceThatDisablesCarbonsGetsNoMoreCopies() throws Exception {
        CarbonManager.getInstanceFor(laptop).disableCarbons();
        send(juliet, phone.getUser(), "just the phone");
        send(phone, juliet.getUser(), "phone answers");

        until(atPhone, marker(juliet, phone));
        until(atJuliet, marker(phone, juliet));
        assertThat(until(atLaptop, marker(juliet, laptop))).isEmpty();
    }

    private static void send(XMPPTCPConnection from, Jid to, String body, StandardExtensionElement... extensions) throws Exception {
        MessageBuilder message = from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body);
        for (StandardExtensionElement extension : extensions) {
            message.addExtension(extension);
        }
        from.sendStanza(message.build());
    }

    /** Sends a marker straight to one resource and returns its body; only that resource gets it (a full JID). */
    private String marker(XMPPTCPConnection from, XMPPTCPConnection to) throws Exception {
        String body = "marker " + (++markers);
        // the marker is type normal with a body, so the other resource would get it as a received copy: it goes
        // with no-copy, which keeps a test's copies about the messages under test
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to.getUser()).setBody(body)
                .addExtension(StandardExtensionElement.builder("no-copy", "urn:xmpp:hints").build()).build());
        return body;
    }

    /** The messages before the one with this body (which is consumed). */
    private static List<Message> until(StanzaCollector collector, String markerBody) throws Exception {
        List<Message> before = new ArrayList<>();
        while (true) {
            Message next = collector.nextResult(TimeUnit.SECONDS.toMillis(10));
            assertThat(next).as("waiting for '%s' after %s", markerBody, before).isNotNull();
            if (markerBody.equals(next.getBody())) {
                return before;
            }
            before.add(next);
        }
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }
}
