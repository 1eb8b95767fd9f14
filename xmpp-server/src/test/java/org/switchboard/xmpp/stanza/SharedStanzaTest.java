package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A copy of a shared stanza must serialise exactly as its own element would, whatever its {@code to} holds. */
class SharedStanzaTest {

    private static final Jid ROOM_NICK = Jid.parse("room@conference.example.org/nick");

    private static Stanza message(boolean withBody) {
        ElementBuilder message = Element.builder("message", Namespaces.CLIENT)
                .attribute("from", ROOM_NICK.toString()).attribute("type", "groupchat").attribute("id", "a>b'c")
                .attribute("xml:lang", "en");
        if (withBody) {
            message.textChild("body", "1 < 2 & 'quoted' \"text\" />")
                    .child(Element.builder("stanza-id", "urn:xmpp:sid:0").attribute("id", "x").attribute("by", "room@conference.example.org").build());
        }
        return new Stanza(message.build());
    }

    @Test
    void copiesSerialiseAsTheirElements() {
        for (boolean withBody : new boolean[] {true, false}) {
            SharedStanza shared = new SharedStanza(message(withBody));
            for (String to : new String[] {"alice@example.org/phone", "bob@example.org/it's & <odd> \"one\"", "example.org"}) {
                Jid jid = Jid.parse(to);
                Stanza copy = shared.to(jid, jid.toString());
                assertThat(copy.toXml()).isEqualTo(XmlWriter.toXml(copy.element(), Namespaces.CLIENT));
                assertThat(copy.toXml()).isEqualTo(message(withBody).withTo(jid).toXml());
                assertThat(copy.to()).isEqualTo(jid);
                assertThat(copy.from()).isEqualTo(ROOM_NICK);
                assertThat(copy).isEqualTo(message(withBody).withTo(jid));
            }
        }
    }

    @Test
    void theSharedBytesAroundTheEscapedToAreTheCopysText() {
        Stanza base = new Stanza(message(true).element().withChildren(java.util.List.of(
                Element.builder("body", Namespaces.CLIENT).text("zoë ✓ 😀").build())));
        SharedStanza shared = new SharedStanza(base);
        for (String to : new String[] {"alice@example.org/phone", "bob@example.org/it's & <odd> ☃"}) {
            Jid jid = Jid.parse(to);
            Stanza copy = shared.to(jid, jid.toString());
            String assembled = new String(shared.headUtf8(), StandardCharsets.UTF_8) + SharedStanza.escapedTo(jid.toString())
                    + new String(shared.tailUtf8(), StandardCharsets.UTF_8);
            assertThat(assembled).isEqualTo(copy.toXml());
            assertThat(copy.shared()).isSameAs(shared);
            assertThat(copy.withAttribute("id", "x").shared()).isNull();
        }
    }

    @Test
    void aChangedCopyIsSerialisedAfresh() {
        Jid to = Jid.parse("alice@example.org/phone");
        Stanza changed = new SharedStanza(message(true)).to(to, to.toString()).withAttribute("id", "other");
        assertThat(changed.toXml()).contains("id='other'").isEqualTo(XmlWriter.toXml(changed.element(), Namespaces.CLIENT));
    }

    @Test
    void aBaseThatIsAddressedAlreadyIsRefused() {
        Stanza addressed = message(true).withTo(Jid.parse("alice@example.org"));
        assertThatThrownBy(() -> new SharedStanza(addressed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'to'");
    }
}
