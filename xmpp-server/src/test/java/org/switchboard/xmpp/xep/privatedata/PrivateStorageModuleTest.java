package org.switchboard.xmpp.xep.privatedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;

class PrivateStorageModuleTest {

    private static final String BOOKMARKS = "storage:bookmarks";
    private final ImHarness server = new ImHarness(List.of(new PrivateStorageModule()));
    private final Jid juliet = server.account("juliet");
    private final FakeSession balcony = server.connect(juliet, "balcony");

    private Result iq(FakeSession from, String type, String to, String payload) {
        return server.iq(from, Xml.stanza("<iq type='" + type + "' id='p1'" + (to == null ? "" : " to='" + to + "'")
                + "><query xmlns='jabber:iq:private'>" + payload + "</query></iq>"));
    }

    private static Element stored(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild().elements().get(0);
    }

    @Test
    void storedDataComesBackAndUnknownDataIsAnEmptyElement() {
        iq(balcony, "set", null, "<storage xmlns='storage:bookmarks'><conference jid='room@conference.example.com'/></storage>");

        Element bookmarks = stored(iq(balcony, "get", null, "<storage xmlns='storage:bookmarks'/>"));
        Element other = stored(iq(balcony, "get", null, "<prefs xmlns='urn:example:prefs'/>"));

        assertThat(bookmarks.is("storage", BOOKMARKS)).isTrue();
        assertThat(bookmarks.elements().get(0).attribute("jid")).isEqualTo("room@conference.example.com");
        assertThat(other.is("prefs", "urn:example:prefs")).isTrue();
        assertThat(other.children()).isEmpty();
    }

    @Test
    void anotherUsersDataIsForbidden() {
        FakeSession orchard = server.connect(server.account("romeo"), "orchard");

        assertThat(((Result.Failed) iq(orchard, "get", juliet.toString(), "<storage xmlns='storage:bookmarks'/>")).error())
                .isEqualTo(StanzaError.FORBIDDEN);
    }

    @Test
    void reservedNamespacesAreNotAcceptable() {
        assertThat(((Result.Failed) iq(balcony, "set", null, "<query xmlns='jabber:iq:private'/>")).error())
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
    }

    @Test
    void isAdvertisedInDisco() {
        assertThat(new ModuleRegistry(List.of(new PrivateStorageModule())).features()).containsExactly(PrivateStorageModule.NAMESPACE);
    }
}
