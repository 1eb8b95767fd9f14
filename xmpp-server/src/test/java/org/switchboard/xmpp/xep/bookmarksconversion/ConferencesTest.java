package org.switchboard.xmpp.xep.bookmarksconversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.Malformed;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.PepItem;

class ConferencesTest {

    private static Element legacy(String jid) {
        return Element.builder("conference", Conferences.LEGACY).attribute("jid", jid).attribute("name", "Council")
                .attribute("autojoin", "1")
                .child(Element.builder("nick", Conferences.LEGACY).text("Puck").build())
                .child(Element.builder("password", Conferences.LEGACY).text("pw").build())
                .child(Element.builder("state", "urn:example:client").text("pinned").build())
                .build();
    }

    @Test
    void aLegacyConferenceBecomesAnItemNamedByTheRoomAndComesBackTheSame() throws Exception {
        PepItem item = Conferences.toPep(legacy("council@conference.example"));

        assertThat(item.id()).isEqualTo("council@conference.example");
        assertThat(item.payload().namespace()).isEqualTo(Conferences.PEP);
        assertThat(item.payload().attribute("jid")).isNull();
        assertThat(item.payload().attribute("autojoin")).isEqualTo("true");
        assertThat(item.payload().childText("nick", Conferences.PEP)).isEqualTo("Puck");
        assertThat(item.payload().childText("password", Conferences.PEP)).isEqualTo("pw");
        assertThat(item.payload().child("extensions", Conferences.PEP).orElseThrow().elements())
                .extracting(Element::name).containsExactly("state");

        Element back = Conferences.toLegacy(item.id(), item.payload());
        assertThat(back.attribute("jid")).isEqualTo("council@conference.example");
        assertThat(back.attribute("autojoin")).isEqualTo("true");
        assertThat(back.childText("nick", Conferences.LEGACY)).isEqualTo("Puck");
        assertThat(back.child("state", "urn:example:client")).isPresent();
        assertThat(Conferences.toPep(back)).isEqualTo(item);
    }

    @Test
    void aConferenceWithoutARoomOrWithAFullJidIsMalformed() {
        assertThatThrownBy(() -> Conferences.toPep(Element.of("conference", Conferences.LEGACY))).isInstanceOf(Malformed.class)
                .hasMessageContaining("jid attribute");
        assertThatThrownBy(() -> Conferences.toPep(legacy("room@conference.example/nick"))).isInstanceOf(Malformed.class)
                .hasMessageContaining("full JID");
        assertThatThrownBy(() -> Conferences.toPep(legacy("@@"))).isInstanceOf(Malformed.class).hasMessageContaining("no JID");
    }

    @Test
    void aPayloadThatIsNoConferenceIsNotABookmark() {
        assertThat(Conferences.toLegacy("x@y", Element.of("mood", "urn:example"))).isNull();
        assertThat(Conferences.toLegacy("x@y", null)).isNull();
    }
}
