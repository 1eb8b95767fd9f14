package org.switchboard.xmpp.im.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.im.presence.PresenceModule;
import org.switchboard.xmpp.im.roster.RosterModule;
import org.switchboard.xmpp.im.roster.RosterPushes;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.offline.DelayStamp;
import org.switchboard.xmpp.xep.offline.OfflineModule;
import org.switchboard.xmpp.xep.offline.OfflineStore;

class MessageModuleTest {

    private final ImHarness server = ImHarness.standard();
    private final Jid juliet = server.account("juliet");
    private final Jid romeo = server.account("romeo");

    private FakeSession online(Jid account, String resource) {
        FakeSession session = server.connect(account, resource);
        server.send(session, Xml.stanza("<presence/>"));
        return session;
    }

    private static Stanza chat(Jid to, String body) {
        return Xml.stanza("<message type='chat' to='" + to + "'><body>" + body + "</body></message>");
    }

    private static List<Stanza> messages(FakeSession session) {
        return session.received.stream().filter(Stanza::isMessage).toList();
    }

    @Test
    void aChatToAnOnlineAccountIsDelivered() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");

        server.send(orchard, chat(juliet, "Hello"));

        assertThat(messages(balcony)).singleElement()
                .satisfies(m -> assertThat(m.element().childText("body", "jabber:client")).isEqualTo("Hello"));
    }

    @Test
    void aMessageForAnOfflineAccountIsStoredAndDeliveredWithADelayStampThenDeleted() {
        FakeSession orchard = online(romeo, "orchard");

        server.send(orchard, chat(juliet, "Wherefore art thou"));
        assertThat(messages(orchard)).isEmpty();
        OfflineStore store = new OfflineStore(server.db, 1000);
        assertThat(store.count(juliet).block()).isEqualTo(1);

        FakeSession balcony = online(juliet, "balcony");

        Stanza delivered = messages(balcony).get(0);
        Element delay = delivered.element().child("delay", DelayStamp.NAMESPACE).orElseThrow();
        assertThat(delay.attribute("from")).isEqualTo(ImHarness.DOMAIN);
        assertThat(delay.attribute("stamp")).endsWith("Z");
        assertThat(delivered.from()).isEqualTo(orchard.jid());
        assertThat(store.count(juliet).block()).isZero();
    }

    @Test
    void aNegativePriorityPresenceDoesNotTakeStoredMessages() {
        FakeSession orchard = online(romeo, "orchard");
        server.send(orchard, chat(juliet, "later"));

        FakeSession bot = server.connect(juliet, "bot");
        server.send(bot, Xml.stanza("<presence><priority>-1</priority></presence>"));

        assertThat(messages(bot)).isEmpty();
        assertThat(new OfflineStore(server.db, 1000).count(juliet).block()).isEqualTo(1);
    }

    @Test
    void chatStatesAloneAreNotStored() {
        FakeSession orchard = online(romeo, "orchard");

        server.send(orchard, Xml.stanza("<message type='chat' to='" + juliet
                + "'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));

        assertThat(new OfflineStore(server.db, 1000).count(juliet).block()).isZero();
    }

    @Test
    void aFullOfflineStoreAnswersTheSenderWithAnError() {
        RosterPushes pushes = new RosterPushes();
        OfflineModule tiny = new OfflineModule(2);
        ImHarness small = new ImHarness(List.of(new RosterModule(pushes), tiny,
                new PresenceModule(pushes, tiny), new MessageModule(tiny)));
        Jid busy = small.account("busy");
        FakeSession sender = small.connect(small.account("sender"), "desk");
        small.send(sender, Xml.stanza("<presence/>"));

        for (int i = 0; i < 3; i++) {
            small.send(sender, chat(busy, "message " + i));
        }

        List<Stanza> errors = sender.received(Stanza.Kind.MESSAGE, "error");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).element().toXml()).contains(StanzaError.SERVICE_UNAVAILABLE.condition());
        assertThat(new OfflineStore(small.db, 2).count(busy).block()).isEqualTo(2);
    }

    @Test
    void aMessageToAnAccountThatDoesNotExistIsServiceUnavailable() {
        FakeSession orchard = online(romeo, "orchard");

        server.send(orchard, chat(Jid.parse("nobody-here@" + ImHarness.DOMAIN), "anyone?"));

        assertThat(orchard.received(Stanza.Kind.MESSAGE, "error")).singleElement()
                .satisfies(e -> assertThat(e.toXml()).contains("service-unavailable"));
    }

    @Test
    void groupchatToAnAccountBouncesAndHeadlinesToNobodyVanish() {
        FakeSession orchard = online(romeo, "orchard");

        server.send(orchard, Xml.stanza("<message type='groupchat' to='" + juliet + "'><body>x</body></message>"));
        server.send(orchard, Xml.stanza("<message type='headline' to='" + juliet + "'><body>y</body></message>"));

        assertThat(orchard.received(Stanza.Kind.MESSAGE, "error")).hasSize(1);
        assertThat(new OfflineStore(server.db, 1000).count(juliet).block()).isZero();
    }
}
