package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void escapesTextAndAttributes() {
        Element body = Element.builder("message", Namespaces.CLIENT)
                .attribute("id", "a'b\"c<&>")
                .child(Element.builder("body", Namespaces.CLIENT).text("1 < 2 & \"3\" > 'x'").build())
                .build();

        assertThat(XmlWriter.toXml(body, Namespaces.CLIENT)).isEqualTo(
                "<message id='a&apos;b&quot;c&lt;&amp;&gt;'><body>1 &lt; 2 &amp; \"3\" &gt; 'x'</body></message>");
    }

    @Test
    void declaresOnlyNamespacesThatChange() {
        Stanza iq = Stanza.iq("get", "1", null, Jid.parse("example.com"), Element.of("ping", "urn:xmpp:ping"));

        assertThat(iq.toXml()).isEqualTo("<iq type='get' id='1' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(iq.element().toXml()).startsWith("<iq xmlns='jabber:client'");
    }

    @Test
    void replacesCharactersXmlCannotCarry() {
        Element text = Element.builder("body", Namespaces.CLIENT).text("a\u0000b\uD800c\uD83D\uDE00").build();

        assertThat(XmlWriter.toXml(text, Namespaces.CLIENT)).isEqualTo("<body>a\uFFFDb\uFFFDc\uD83D\uDE00</body>");
    }

    @Test
    void errorReplySwapsAddressesAndCarriesTheCondition() {
        Stanza request = Stanza.iq("get", "7", Jid.parse("juliet@example.com/b"), Jid.parse("romeo@example.com"),
                Element.of("query", "jabber:iq:version"));

        Stanza error = request.errorReply(StanzaError.SERVICE_UNAVAILABLE);

        assertThat(error.toXml()).isEqualTo("<iq type='error' id='7' from='romeo@example.com' to='juliet@example.com/b'>"
                + "<query xmlns='jabber:iq:version'/><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    }

    @Test
    void stanzaErrorsCarryTheirRfcDefaultTypes() {
        assertThat(StanzaError.FORBIDDEN.defaultType()).isEqualTo(StanzaError.Type.AUTH);
        assertThat(StanzaError.RECIPIENT_UNAVAILABLE.defaultType()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(StanzaError.BAD_REQUEST.condition()).isEqualTo("bad-request");
        assertThat(StanzaError.fromCondition("item-not-found")).isEqualTo(StanzaError.ITEM_NOT_FOUND);
    }
}
