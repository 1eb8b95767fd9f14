package org.switchboard.xmpp.xep.vcard;

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

class VCardModuleTest {

    private final ImHarness server = new ImHarness(List.of(new VCardModule()));
    private final Jid juliet = server.account("juliet");
    private final FakeSession balcony = server.connect(juliet, "balcony");

    private Result get(FakeSession from, Jid to) {
        return server.iq(from, Xml.stanza("<iq type='get' id='v1'" + (to == null ? "" : " to='" + to + "'")
                + "><vCard xmlns='vcard-temp'/></iq>"));
    }

    private Result set(FakeSession from, String content) {
        return server.iq(from, Xml.stanza("<iq type='set' id='v2'><vCard xmlns='vcard-temp'>" + content + "</vCard></iq>"));
    }

    private static Element vcard(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild();
    }

    @Test
    void anAccountWithoutAVCardHasAnEmptyOne() {
        assertThat(vcard(get(balcony, null)).children()).isEmpty();
    }

    @Test
    void thePublishedVCardIsReadByTheOwnerAndByOthers() {
        set(balcony, "<FN>Juliet Capulet</FN><NICKNAME>Jul</NICKNAME>");
        FakeSession orchard = server.connect(server.account("romeo"), "orchard");

        assertThat(vcard(get(balcony, null)).childText("FN", VCardModule.NAMESPACE)).isEqualTo("Juliet Capulet");
        assertThat(vcard(get(orchard, juliet)).childText("NICKNAME", VCardModule.NAMESPACE)).isEqualTo("Jul");
    }

    @Test
    void onlyTheOwnerMayPublish() {
        FakeSession orchard = server.connect(server.account("romeo"), "orchard");

        Result result = server.iq(orchard, Xml.stanza("<iq type='set' id='v3' to='" + juliet
                + "'><vCard xmlns='vcard-temp'><FN>Mallory</FN></vCard></iq>"));

        assertThat(((Result.Failed) result).error()).isEqualTo(StanzaError.FORBIDDEN);
    }

    @Test
    void anOversizedVCardIsRefused() {
        Result result = set(balcony, "<PHOTO><BINVAL>" + "A".repeat(VCardModule.MAX_BYTES) + "</BINVAL></PHOTO>");

        assertThat(((Result.Failed) result).error()).isEqualTo(StanzaError.NOT_ACCEPTABLE);
    }

    @Test
    void isAdvertisedInDisco() {
        assertThat(new ModuleRegistry(List.of(new VCardModule())).features()).containsExactly(VCardModule.NAMESPACE);
    }
}
