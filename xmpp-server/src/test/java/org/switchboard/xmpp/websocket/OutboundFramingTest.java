package org.switchboard.xmpp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stream.StreamHeaders;

/** What the client stream writes for TCP, cut into RFC 7395 messages. */
class OutboundFramingTest {

    private final OutboundFraming framing = new OutboundFraming();

    @Test
    void theHeaderBecomesOpenAndTheClosingTagClose() {
        // the header's attributes, in whatever order
        assertThat(framing.messages(StreamHeaders.open(Namespaces.CLIENT, "example.com", "a@example.com", "id1")))
                .singleElement().asString().startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' ").endsWith("/>")
                .contains(" from='example.com'", " to='a@example.com'", " id='id1'", " version='1.0'", " xml:lang='en'")
                .doesNotContain("jabber:client", "xmlns:stream");
        assertThat(framing.messages(StreamHeaders.CLOSE)).containsExactly("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    }

    @Test
    void eachElementGetsItsOwnMessageWithItsNamespacesDeclared() {
        framing.messages(StreamHeaders.open(Namespaces.CLIENT, "example.com", null, "id1"));
        assertThat(framing.messages("<message to='a@example.com'><body>x &amp; y</body></message><r xmlns='urn:xmpp:sm:3'/>"))
                .containsExactly("<message xmlns='jabber:client' to='a@example.com'><body>x &amp; y</body></message>",
                        "<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(framing.messages("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"))
                .containsExactly("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                        + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
    }

    @Test
    void aStreamErrorAndTheCloseAreTwoMessages() {
        framing.messages(StreamHeaders.open(Namespaces.CLIENT, "example.com", null, "id1"));
        assertThat(framing.messages(StreamError.POLICY_VIOLATION.toXml("too fast") + StreamHeaders.CLOSE))
                .containsExactly("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                                + "<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>too fast</text></stream:error>",
                        "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    }

    @Test
    void aNewHeaderAfterTheSaslRestartStartsANewDocument() {
        framing.messages(StreamHeaders.open(Namespaces.CLIENT, "example.com", null, "id1"));
        framing.messages("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(framing.messages(StreamHeaders.open(Namespaces.CLIENT, "example.com", null, "id2")))
                .singleElement().asString().startsWith("<open ").contains("id='id2'");
        assertThat(framing.messages("<iq type='result' id='b'/>")).containsExactly("<iq xmlns='jabber:client' type='result' id='b'/>");
    }
}
