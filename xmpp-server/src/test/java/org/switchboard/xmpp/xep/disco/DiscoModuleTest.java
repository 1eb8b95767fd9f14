package org.switchboard.xmpp.xep.disco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.ImModules;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.caps.EntityCapabilities;
import org.switchboard.xmpp.xep.contact.ContactAddresses;
import org.switchboard.xmpp.xep.contact.ContactAddressesModule;
import org.switchboard.xmpp.xep.offline.OfflineModule;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.ping.PingModule;

class DiscoModuleTest {

    private final ImHarness server = new ImHarness(modules());
    private final Jid juliet = server.account("juliet");
    private final FakeSession balcony = server.connect(juliet, "balcony");

    private static List<XmppModule> modules() {
        List<XmppModule> modules = new ArrayList<>(List.of(new DiscoModule(), new PingModule()));
        modules.addAll(ImModules.create());
        return modules;
    }

    private Result query(FakeSession from, String namespace, String to, String node) {
        String toAttribute = to == null ? "" : " to='" + to + "'";
        String nodeAttribute = node == null ? "" : " node='" + node + "'";
        return server.iq(from, Xml.stanza("<iq type='get' id='d1'" + toAttribute + "><query xmlns='" + namespace + "'"
                + nodeAttribute + "/></iq>"));
    }

    private static Element payload(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild();
    }

    private static List<String> features(Element info) {
        return info.elements().stream().filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    }

    @Test
    void serverInfoIsComputedFromTheRegisteredModules() {
        Element info = payload(query(balcony, DiscoModule.INFO, ImHarness.DOMAIN, null));

        assertThat(features(info)).contains(DiscoModule.INFO, DiscoModule.ITEMS, PingModule.NAMESPACE, OfflineModule.FEATURE);
        assertThat(features(info)).isSorted();
    }

    @Test
    void serverItemsAreAnEmptyListAndUnknownNodesAreNotFound() {
        assertThat(payload(query(balcony, DiscoModule.ITEMS, ImHarness.DOMAIN, null)).elements()).isEmpty();
        assertThat(((Result.Failed) query(balcony, DiscoModule.INFO, ImHarness.DOMAIN, "no-such-node")).error())
                .isEqualTo(StanzaError.ITEM_NOT_FOUND);
    }

    @Test
    void theOwnerDiscoversTheirAccountAsARegisteredAccount() {
        Element info = payload(query(balcony, DiscoModule.INFO, juliet.toString(), null));

        Element identity = info.elements().get(0);
        assertThat(identity.attribute("category")).isEqualTo("account");
        assertThat(identity.attribute("type")).isEqualTo("registered");
    }

    @Test
    void aStrangerLearnsNothingAboutAnAccountButASubscriberDoes() {
        Jid romeo = server.account("romeo");
        FakeSession orchard = server.connect(romeo, "orchard");

        assertThat(((Result.Failed) query(orchard, DiscoModule.INFO, juliet.toString(), null)).error())
                .isEqualTo(StanzaError.SERVICE_UNAVAILABLE);

        server.send(orchard, Xml.stanza("<presence type='subscribe' to='" + juliet + "'/>"));
        server.send(balcony, Xml.stanza("<presence type='subscribed' to='" + romeo + "'/>"));

        assertThat(query(orchard, DiscoModule.INFO, juliet.toString(), null)).isInstanceOf(Result.Reply.class);
    }

    @Test
    void serverInfoEndsWithTheModulesFormsAndTheCapsNodeAnswersTheSame() {
        ImHarness withContacts = new ImHarness(List.of(new DiscoModule(), new ContactAddressesModule(
                new ContactAddresses(java.util.Map.of("abuse", List.of("mailto:abuse@example.com"))))));
        FakeSession session = withContacts.connect(withContacts.account("romeo"), "orchard");
        Element info = ((Result.Reply) withContacts.iq(session, Xml.stanza("<iq type='get' id='d2' to='" + ImHarness.DOMAIN
                + "'><query xmlns='" + DiscoModule.INFO + "'/></iq>"))).stanzas().get(0).iqChild();

        Element form = info.elements().get(info.elements().size() - 1);
        assertThat(form.is("x", "jabber:x:data")).isTrue();
        String node = EntityCapabilities.NODE + "#" + withContacts.registry.capsVer();
        Element byNode = ((Result.Reply) withContacts.iq(session, Xml.stanza("<iq type='get' id='d3' to='" + ImHarness.DOMAIN
                + "'><query xmlns='" + DiscoModule.INFO + "' node='" + node + "'/></iq>"))).stanzas().get(0).iqChild();
        assertThat(byNode).isEqualTo(info.withAttribute("node", node));
    }

    @Test
    void anAccountAdvertisesTheFeaturesModulesDeclareForAccounts() {
        List<XmppModule> modules = new ArrayList<>(modules());
        modules.add(new PushModule(domain -> true));
        ImHarness withPush = new ImHarness(modules);
        Jid romeo = withPush.account("romeo");
        FakeSession orchard = withPush.connect(romeo, "orchard");

        Element info = ((Result.Reply) withPush.iq(orchard, Xml.stanza("<iq type='get' id='d4' to='" + romeo
                + "'><query xmlns='" + DiscoModule.INFO + "'/></iq>"))).stanzas().get(0).iqChild();

        assertThat(features(info)).contains(PushModule.NAMESPACE, DiscoModule.INFO, DiscoModule.ITEMS);
        assertThat(features(payload(query(balcony, DiscoModule.INFO, juliet.toString(), null)))).doesNotContain(PushModule.NAMESPACE);
    }
}
