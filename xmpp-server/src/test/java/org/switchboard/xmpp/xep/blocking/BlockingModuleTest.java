package org.switchboard.xmpp.xep.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.ImModules;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

class BlockingModuleTest {

    private final ImHarness server = new ImHarness(modules());
    private final Jid juliet = server.account("juliet");
    private final Jid romeo = server.account("romeo");

    private static List<XmppModule> modules() {
        List<XmppModule> modules = new ArrayList<>(List.of(new BlockingModule()));
        modules.addAll(ImModules.create());
        return modules;
    }

    private FakeSession online(Jid account, String resource) {
        FakeSession session = server.connect(account, resource);
        server.send(session, Xml.stanza("<presence/>"));
        return session;
    }

    private Result blocking(FakeSession session, String type, String payload) {
        return server.iq(session, Xml.stanza("<iq type='" + type + "' id='b1'>" + payload + "</iq>"));
    }

    private List<String> blocklist(FakeSession session) {
        Element list = ((Result.Reply) blocking(session, "get", "<blocklist xmlns='urn:xmpp:blocking'/>")).stanzas().get(0).iqChild();
        return list.elements().stream().map(item -> item.attribute("jid")).toList();
    }

    private static Stanza chat(Jid to) {
        return Xml.stanza("<message type='chat' to='" + to + "'><body>hi</body></message>");
    }

    @Test
    void blockedJidsAreListedAndPushedToSessionsThatAskedForTheList() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession chamber = online(juliet, "chamber");
        assertThat(blocklist(balcony)).isEmpty();
        assertThat(blocklist(chamber)).isEmpty();

        blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'><item jid='" + romeo + "'/></block>");

        assertThat(blocklist(balcony)).containsExactly(romeo.toString());
        Stanza push = chamber.received(Stanza.Kind.IQ, "set").get(0);
        assertThat(push.iqChild().is("block", BlockingModule.NAMESPACE)).isTrue();
        assertThat(push.iqChild().elements().get(0).attribute("jid")).isEqualTo(romeo.toString());
    }

    @Test
    void messagesFromABlockedContactBounceAndMessagesToItAreRefusedWithTheBlockedCondition() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'><item jid='" + romeo + "'/></block>");

        server.send(orchard, chat(juliet));
        server.send(balcony, chat(romeo));

        assertThat(balcony.received(Stanza.Kind.MESSAGE, "chat")).isEmpty();
        assertThat(orchard.received(Stanza.Kind.MESSAGE, "chat")).isEmpty();
        assertThat(orchard.received(Stanza.Kind.MESSAGE, "error").get(0).toXml()).contains("service-unavailable");
        assertThat(balcony.received(Stanza.Kind.MESSAGE, "error").get(0).toXml())
                .contains("not-acceptable").contains(BlockingModule.ERRORS);
    }

    @Test
    void iqRequestsBetweenTheUserAndABlockedContactAreRefusedBothWays() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'><item jid='" + romeo + "'/></block>");

        server.send(orchard, Xml.stanza("<iq type='get' id='v1' to='" + balcony.jid() + "'><query xmlns='jabber:iq:version'/></iq>"));
        server.send(balcony, Xml.stanza("<iq type='get' id='v2' to='" + orchard.jid() + "'><query xmlns='jabber:iq:version'/></iq>"));

        assertThat(balcony.received(Stanza.Kind.IQ, "get")).isEmpty();
        assertThat(orchard.received(Stanza.Kind.IQ, "get")).isEmpty();
        assertThat(orchard.received(Stanza.Kind.IQ, "error").get(0).toXml()).contains("service-unavailable");
        Stanza refused = balcony.received(Stanza.Kind.IQ, "error").get(0);
        assertThat(refused.id()).isEqualTo("v2");
        assertThat(refused.toXml()).contains("not-acceptable").contains(BlockingModule.ERRORS);
    }

    @Test
    void iqResultsFromABlockedContactAreDroppedWithoutAnError() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'><item jid='" + romeo + "'/></block>");

        server.send(orchard, Xml.stanza("<iq type='result' id='late' to='" + balcony.jid() + "'/>"));

        assertThat(balcony.received(Stanza.Kind.IQ, "result")).isEmpty();
        assertThat(orchard.received(Stanza.Kind.IQ, "error")).isEmpty();
    }

    @Test
    void presenceFromADomainWideBlockIsDroppedAndUnblockAllRestoresDelivery() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'><item jid='" + ImHarness.DOMAIN + "'/></block>");

        server.send(orchard, Xml.stanza("<presence to='" + balcony.jid() + "'/>"));
        assertThat(balcony.received(Stanza.Kind.PRESENCE, null).stream().filter(p -> orchard.jid().equals(p.from()))).isEmpty();

        blocking(balcony, "set", "<unblock xmlns='urn:xmpp:blocking'/>");
        server.send(orchard, Xml.stanza("<presence to='" + balcony.jid() + "'/>"));
        assertThat(balcony.received(Stanza.Kind.PRESENCE, null).stream().filter(p -> orchard.jid().equals(p.from()))).hasSize(1);
        assertThat(blocklist(balcony)).isEmpty();
    }

    @Test
    void anEmptyBlockIsABadRequest() {
        FakeSession balcony = online(juliet, "balcony");

        assertThat(blocking(balcony, "set", "<block xmlns='urn:xmpp:blocking'/>")).isInstanceOf(Result.Failed.class);
    }

    @Test
    void isAdvertisedInDisco() {
        assertThat(new ModuleRegistry(List.of(new BlockingModule())).features()).containsExactly(BlockingModule.NAMESPACE);
    }
}
