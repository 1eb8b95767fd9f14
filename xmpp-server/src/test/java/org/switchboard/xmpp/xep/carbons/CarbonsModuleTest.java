package org.switchboard.xmpp.xep.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;

/** Enabling and disabling (XEP-0280 sections 4, 5 and 10.1): per session, by the session itself, ended with it. */
class CarbonsModuleTest {

    private final CarbonsModule carbons = new CarbonsModule();
    private final ImHarness server = new ImHarness(List.of(carbons));
    private final Jid romeo = server.account("romeo");
    private final FakeSession orchard = server.connect(romeo, "orchard");

    private Result request(FakeSession from, String to, String type, String element) {
        String toAttribute = to == null ? "" : " to='" + to + "'";
        return server.iq(from, Xml.stanza("<iq type='" + type + "' id='c1'" + toAttribute + "><" + element
                + " xmlns='urn:xmpp:carbons:2'/></iq>"));
    }

    @Test
    void aSessionEnablesAndDisablesItsOwnCarbonsAndRepeatingIsNoError() {
        assertThat(request(orchard, null, "set", "enable")).isInstanceOf(Result.Reply.class);
        assertThat(request(orchard, null, "set", "enable")).isInstanceOf(Result.Reply.class);
        assertThat(carbons.isEnabled(orchard.jid())).isTrue();

        assertThat(request(orchard, romeo.toString(), "set", "disable")).isInstanceOf(Result.Reply.class);
        assertThat(request(orchard, ImHarness.DOMAIN, "set", "disable")).isInstanceOf(Result.Reply.class);
        assertThat(carbons.isEnabled(orchard.jid())).isFalse();
    }

    @Test
    void nobodyElseMayEnableThemAndGetIsABadRequest() {
        FakeSession balcony = server.connect(server.account("juliet"), "balcony");

        assertThat(((Result.Failed) request(balcony, romeo.toString(), "set", "enable")).error()).isEqualTo(StanzaError.NOT_ALLOWED);
        assertThat(((Result.Failed) request(orchard, null, "get", "enable")).error()).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(carbons.isEnabled(orchard.jid())).isFalse();
    }

    @Test
    void theStateEndsWithTheSession() {
        request(orchard, null, "set", "enable");
        server.disconnect(orchard);
        assertThat(carbons.isEnabled(orchard.jid())).isFalse();

        // a new session on the same resource starts with carbons off too (it may replace one that never ended cleanly)
        request(server.connect(romeo, "orchard"), null, "set", "enable");
        FakeSession again = server.connect(romeo, "orchard");
        assertThat(carbons.isEnabled(again.jid())).isFalse();
    }
}
