package org.switchboard.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;

class ComponentStreamTest {

    @Test
    void componentStanzasAreReadInTheClientNamespaceKeepingForeignPayloads() {
        Element fromComponent = Element.builder("message", Namespaces.COMPONENT_ACCEPT)
                .attribute("from", "+1555@sms.example.com")
                .child(Element.builder("body", Namespaces.COMPONENT_ACCEPT).text("hi").build())
                .child(Element.of("received", "urn:xmpp:receipts"))
                .build();

        Element converted = ComponentStream.toClientNamespace(fromComponent);

        assertThat(Stanza.isStanza(converted)).isTrue();
        assertThat(converted.childText("body", Namespaces.CLIENT)).isEqualTo("hi");
        assertThat(converted.child("received", "urn:xmpp:receipts")).isPresent();
    }
}
