package org.switchboard.xmpp.xep.stanzaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

class StanzaIdTest {

    @Test
    void newIdsAreOpaqueAndUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = StanzaId.newId();
            assertThat(id).matches("[a-z2-7]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void stripRemovesOnlyIdsClaimingToBeOurs() {
        Stanza message = Xml.stanza("<message to='a@example.com'><body>x</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='1' by='a@example.com'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='2' by='room@muc.example.org'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='3'/>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='4'/></message>");
        Stanza stripped = StanzaId.strip(message, by -> by.domain().equals("example.com"));
        assertThat(stripped.element().elements()).extracting(e -> e.attribute("id")).containsExactly(null, "2", "4");
        assertThat(StanzaId.find(stripped, Jid.parse("room@muc.example.org")).id()).isEqualTo("2");
    }

    @Test
    void aMessageWithNothingToStripIsTheSameInstance() {
        Stanza message = Xml.stanza("<message to='a@example.com'><body>x</body></message>");
        assertThat(StanzaId.strip(message, by -> true)).isSameAs(message);
    }
}
