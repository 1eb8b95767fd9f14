package org.switchboard.xmpp.xep.mam;

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
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import org.switchboard.xmpp.xep.rsm.ResultSetRequest;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;

/** The module with the IM modules and the real database, without sockets. */
class MamModuleTest {

    private static final String MAM = MamModule.NAMESPACE;

    private final ImHarness server = new ImHarness(modules());
    private final Jid juliet = server.account("juliet");
    private final Jid romeo = server.account("romeo");

    private static List<XmppModule> modules() {
        List<XmppModule> modules = new ArrayList<>(List.of(new DiscoModule()));
        modules.addAll(ImModules.create());
        return modules;
    }

    private FakeSession online(Jid account, String resource) {
        FakeSession session = server.connect(account, resource);
        server.send(session, Xml.stanza("<presence/>"));
        session.received.clear();
        return session;
    }

    private static Stanza chat(Jid to, String inner) {
        return Xml.stanza("<message type='chat' id='m1' to='" + to + "'>" + inner + "</message>");
    }

    private static List<Stanza> messages(FakeSession session) {
        return session.received.stream().filter(Stanza::isMessage).toList();
    }

    private Result iq(FakeSession from, String type, String payload) {
        return server.iq(from, Xml.stanza("<iq type='" + type + "' id='q1'>" + payload + "</iq>"));
    }

    private static Element payload(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild();
    }

    /** Queries the session's own archive and returns the results it received, the fin being checked by the caller. */
    private List<Element> results(FakeSession session, String queryInner) {
        session.received.clear();
        Result result = iq(session, "set", "<query xmlns='" + MAM + "' queryid='f00'>" + queryInner + "</query>");
        assertThat(payload(result).name()).isEqualTo("fin");
        return messages(session).stream().map(m -> m.element().child("result", MAM).orElseThrow()).toList();
    }

    private static Element forwarded(Element result) {
        return result.child("forwarded", "urn:xmpp:forward:0").orElseThrow().child("message", "jabber:client").orElseThrow();
    }

    @Test
    void aChatIsArchivedForBothSidesAndDeliveredWithTheRecipientsStanzaId() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");

        server.send(orchard, chat(juliet, "<body>Hello</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"));

        Stanza delivered = messages(balcony).get(0);
        StanzaId id = StanzaId.find(delivered, juliet);
        assertThat(id).isNotNull();
        assertThat(delivered.element().child("origin-id", StanzaId.NAMESPACE)).isPresent();

        List<Element> julietsArchive = results(balcony, "");
        assertThat(julietsArchive).singleElement().satisfies(result -> {
            assertThat(result.attribute("id")).isEqualTo(id.id());
            assertThat(result.attribute("queryid")).isEqualTo("f00");
            assertThat(forwarded(result).childText("body", "jabber:client")).isEqualTo("Hello");
            assertThat(forwarded(result).attribute("from")).isEqualTo(romeo.withResource("orchard").toString());
        });
        List<Element> romeosArchive = results(orchard, "");
        assertThat(romeosArchive).singleElement().satisfies(result -> {
            assertThat(result.attribute("id")).isNotEqualTo(id.id());
            assertThat(StanzaId.find(new Stanza(forwarded(result)), romeo).id()).isEqualTo(result.attribute("id"));
        });
    }

    @Test
    void stanzaIdsClaimingToBeOursAreRemovedOthersKept() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");

        server.send(orchard, chat(juliet, "<body>trust me</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='" + juliet + "'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='forged2' by='" + ImHarness.DOMAIN + "'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='theirs' by='elsewhere.example'/>"));

        List<String> ids = messages(balcony).get(0).element().elements().stream()
                .filter(e -> e.is("stanza-id", StanzaId.NAMESPACE)).map(e -> e.attribute("id")).toList();
        assertThat(ids).hasSize(2).contains("theirs").doesNotContain("forged", "forged2");
        assertThat(results(balcony, "")).singleElement().satisfies(r -> assertThat(r.attribute("id")).isNotEqualTo("forged"));
    }

    @Test
    void anOfflineMessageCarriesTheSameStanzaIdAsItsArchiveEntry() {
        FakeSession orchard = online(romeo, "orchard");

        server.send(orchard, chat(juliet, "<body>Wherefore</body>"));

        Stanza stored = new OfflineStore(server.db, 1000).messages(juliet).blockFirst().message();
        FakeSession balcony = server.connect(juliet, "balcony");
        List<Element> archive = results(balcony, "");
        assertThat(StanzaId.find(stored, juliet).id()).isEqualTo(archive.get(0).attribute("id"));
    }

    @Test
    void onlyMessagesWorthKeepingAreArchived() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");
        String states = "http://jabber.org/protocol/chatstates";

        server.send(orchard, chat(juliet, "<composing xmlns='" + states + "'/>"));
        server.send(orchard, chat(juliet, "<body>secret</body><no-store xmlns='urn:xmpp:hints'/>"));
        server.send(orchard, chat(juliet, "<body>fleeting</body><no-permanent-store xmlns='urn:xmpp:hints'/>"));
        server.send(orchard, Xml.stanza("<message type='headline' to='" + juliet + "'><body>news</body></message>"));
        server.send(orchard, chat(juliet, "<active xmlns='" + states + "'/><store xmlns='urn:xmpp:hints'/>"));
        server.send(orchard, chat(juliet, "<encrypted xmlns='eu.siacs.conversations.axolotl'/>"));
        server.send(orchard, Xml.stanza("<message to='" + juliet + "'><body>normal</body></message>"));

        assertThat(messages(balcony)).hasSize(7);
        List<Element> archived = results(balcony, "");
        assertThat(archived).hasSize(3);
        assertThat(forwarded(archived.get(2)).childText("body", "jabber:client")).isEqualTo("normal");
    }

    @Test
    void queriesFilterPageAndFlip() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");
        for (int i = 0; i < 5; i++) {
            server.send(orchard, chat(juliet, "<body>line " + i + "</body>"));
        }
        List<String> all = results(balcony, "").stream().map(r -> r.attribute("id")).toList();
        assertThat(all).hasSize(5);

        balcony.received.clear();
        Result last = iq(balcony, "set", "<query xmlns='" + MAM + "'><set xmlns='" + ResultSetRequest.NAMESPACE
                + "'><max>2</max><before/></set><flip-page/></query>");
        List<String> flipped = messages(balcony).stream()
                .map(m -> m.element().child("result", MAM).orElseThrow().attribute("id")).toList();
        assertThat(flipped).containsExactly(all.get(4), all.get(3));
        Element fin = payload(last);
        assertThat(fin.attribute("complete")).isNull();
        Element set = fin.child("set", ResultSetRequest.NAMESPACE).orElseThrow();
        assertThat(set.childText("first", ResultSetRequest.NAMESPACE)).isEqualTo(all.get(3));
        assertThat(set.child("first", ResultSetRequest.NAMESPACE).orElseThrow().attribute("index")).isEqualTo("3");
        assertThat(set.childText("last", ResultSetRequest.NAMESPACE)).isEqualTo(all.get(4));
        assertThat(set.childText("count", ResultSetRequest.NAMESPACE)).isEqualTo("5");

        String form = "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + MAM
                + "</value></field><field var='{urn:xmpp:fulltext:0}fulltext'><value>3</value></field></x>";
        assertThat(results(balcony, form)).singleElement().satisfies(r -> assertThat(r.attribute("id")).isEqualTo(all.get(3)));

        String ids = "<x xmlns='jabber:x:data' type='submit'><field var='ids'><value>" + all.get(1) + "</value><value>"
                + all.get(0) + "</value></field></x>";
        assertThat(results(balcony, ids)).extracting(r -> r.attribute("id")).containsExactly(all.get(0), all.get(1));

        String with = "<x xmlns='jabber:x:data' type='submit'><field var='with'><value>" + romeo + "</value></field></x>";
        assertThat(results(balcony, with)).hasSize(5);
    }

    @Test
    void badQueriesAreRefused() {
        FakeSession balcony = online(juliet, "balcony");
        Result unknownAfter = iq(balcony, "set", "<query xmlns='" + MAM + "'><set xmlns='" + ResultSetRequest.NAMESPACE
                + "'><after>no-such-id</after></set></query>");
        assertThat(unknownAfter).isEqualTo(Result.error(StanzaError.ITEM_NOT_FOUND, "no archived message has id no-such-id"));
        Result unknownField = iq(balcony, "set", "<query xmlns='" + MAM + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='colour'><value>red</value></field></x></query>");
        assertThat(unknownField).isInstanceOf(Result.Failed.class);
        assertThat(((Result.Failed) unknownField).error()).isEqualTo(StanzaError.BAD_REQUEST);
        Result badDate = iq(balcony, "set", "<query xmlns='" + MAM + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='start'><value>yesterday</value></field></x></query>");
        assertThat(((Result.Failed) badDate).error()).isEqualTo(StanzaError.BAD_REQUEST);
        Result othersArchive = server.iq(balcony, Xml.stanza("<iq type='set' id='q2' to='" + romeo + "'><query xmlns='" + MAM + "'/></iq>"));
        assertThat(((Result.Failed) othersArchive).error()).isEqualTo(StanzaError.FORBIDDEN);
    }

    @Test
    void theFormListsTheSupportedFields() {
        FakeSession balcony = online(juliet, "balcony");
        Element form = payload(iq(balcony, "get", "<query xmlns='" + MAM + "'/>")).child("x", "jabber:x:data").orElseThrow();
        assertThat(form.elements()).extracting(field -> field.attribute("var"))
                .containsExactly("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids", "{urn:xmpp:fulltext:0}fulltext");
    }

    @Test
    void metadataNamesTheFirstAndLastEntries() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");
        assertThat(payload(iq(balcony, "get", "<metadata xmlns='" + MAM + "'/>")).elements()).isEmpty();
        server.send(orchard, chat(juliet, "<body>one</body>"));
        server.send(orchard, chat(juliet, "<body>two</body>"));
        List<String> ids = results(balcony, "").stream().map(r -> r.attribute("id")).toList();

        Element metadata = payload(iq(balcony, "get", "<metadata xmlns='" + MAM + "'/>"));
        assertThat(metadata.child("start", MAM).orElseThrow().attribute("id")).isEqualTo(ids.get(0));
        assertThat(metadata.child("end", MAM).orElseThrow().attribute("id")).isEqualTo(ids.get(1));
        assertThat(metadata.child("end", MAM).orElseThrow().attribute("timestamp")).endsWith("Z");
    }

    @Test
    void preferencesAreStoredAndApplied() {
        FakeSession orchard = online(romeo, "orchard");
        FakeSession balcony = online(juliet, "balcony");
        assertThat(payload(iq(balcony, "get", "<prefs xmlns='" + MAM + "'/>")).attribute("default")).isEqualTo("always");

        Result set = iq(balcony, "set", "<prefs xmlns='" + MAM + "' default='always'><always/><never><jid>" + romeo
                + "</jid></never></prefs>");
        assertThat(payload(set).child("never", MAM).orElseThrow().childText("jid", MAM)).isEqualTo(romeo.toString());
        server.send(orchard, chat(juliet, "<body>not for the record</body>"));

        assertThat(StanzaId.find(messages(balcony).get(0), juliet)).isNull();
        assertThat(results(balcony, "")).isEmpty();
        // the sender's own preferences still archive it on their side
        assertThat(results(orchard, "")).hasSize(1);
        assertThat(iq(balcony, "set", "<prefs xmlns='" + MAM + "' default='sometimes'/>")).isInstanceOf(Result.Failed.class);
        assertThat(payload(iq(balcony, "get", "<prefs xmlns='" + MAM + "'/>")).child("never", MAM).orElseThrow().elements()).hasSize(1);
    }

    @Test
    void theAccountAdvertisesTheArchive() {
        FakeSession balcony = online(juliet, "balcony");
        Element info = payload(server.iq(balcony, Xml.stanza("<iq type='get' id='d1' to='" + juliet
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>")));
        assertThat(info.elements()).extracting(e -> e.attribute("var"))
                .contains(MAM, MamModule.EXTENDED, StanzaId.NAMESPACE, ArchiveQuery.FULLTEXT);
    }
}
