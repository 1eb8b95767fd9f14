package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StanzaAddressTest {

    private static Stanza message(String from, String to) {
        return new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("from", from).attribute("to", to).build());
    }

    @Test
    void addressesAreParsedOnceAndKept() {
        Stanza stanza = message("Juliet@Example.com/balcony", "romeo@example.com");

        assertThat(stanza.to()).isEqualTo(Jid.parse("romeo@example.com")).isSameAs(stanza.to());
        assertThat(stanza.from()).isEqualTo(Jid.parse("juliet@example.com/balcony")).isSameAs(stanza.from());
    }

    @Test
    void absentAddressesAreNull() {
        Stanza stanza = message(null, null);

        assertThat(stanza.to()).isNull();
        assertThat(stanza.from()).isNull();
    }

    @Test
    void aMalformedAddressThrowsEveryTime() {
        Stanza stanza = message("juliet@example.com", "a<b@example.com");

        assertThatThrownBy(stanza::to).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(stanza::to).isInstanceOf(JidFormatException.class);
    }

    @Test
    void stampingTheSenderKeepsTheRecipientAndReplacesTheSender() {
        Stanza stanza = message("juliet@example.com", "romeo@example.com");
        stanza.to();
        stanza.from();

        Stanza stamped = stanza.withFrom(Jid.parse("juliet@example.com/balcony"));

        assertThat(stamped.to()).isSameAs(stanza.to());
        assertThat(stamped.from()).isEqualTo(Jid.parse("juliet@example.com/balcony"));
        assertThat(stanza.withTo(Jid.parse("nurse@example.com")).to()).isEqualTo(Jid.parse("nurse@example.com"));
        assertThat(stanza.withFrom(null).from()).isNull();
    }

    @Test
    void stanzasAreEqualWhenTheirElementsAre() {
        assertThat(message("a@example.com", "b@example.com")).isEqualTo(message("a@example.com", "b@example.com"))
                .hasSameHashCodeAs(message("a@example.com", "b@example.com"))
                .isNotEqualTo(message("a@example.com", "c@example.com"));
    }
}
