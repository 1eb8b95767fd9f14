package org.switchboard.xmpp.xep.csi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.session.SessionOutput;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

class ClientStateFilterTest {

    private final List<Stanza> written = new ArrayList<>();
    private final ClientStateFilter filter = new ClientStateFilter(new SessionOutput() {
        @Override
        public void write(Stanza stanza) {
            written.add(stanza);
        }

        @Override
        public void close(StreamError error, String text) {
        }
    });

    private static Stanza presence(String from, String status) {
        return Xml.stanza("<presence xmlns='jabber:client' from='" + from + "'><status>" + status + "</status></presence>");
    }

    private static Stanza chatState(String state) {
        return Xml.stanza("<message xmlns='jabber:client' type='chat' from='a@x/1'><" + state
                + " xmlns='http://jabber.org/protocol/chatstates'/></message>");
    }

    @Test
    void whatCanWaitAndWhatCannot() {
        assertThat(CsiRules.canWait(presence("a@x/1", "away"))).isTrue();
        assertThat(CsiRules.canWait(Xml.stanza("<presence xmlns='jabber:client' type='unavailable'/>"))).isTrue();
        assertThat(CsiRules.canWait(Xml.stanza("<presence xmlns='jabber:client' type='subscribe'/>"))).isFalse();
        assertThat(CsiRules.canWait(chatState("composing"))).isTrue();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client'><active xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<no-store xmlns='urn:xmpp:hints'/></message>"))).isTrue();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client'><body>hi</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"))).isFalse();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client'><encrypted xmlns='eu.siacs.conversations.axolotl'/>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"))).isFalse();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client'><propose xmlns='urn:xmpp:jingle-message:0' id='c'/></message>"))).isFalse();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client'/>"))).isFalse();
        assertThat(CsiRules.canWait(Xml.stanza("<message xmlns='jabber:client' type='error'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"))).isFalse();
        assertThat(CsiRules.canWait(Xml.stanza("<iq xmlns='jabber:client' type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"))).isFalse();
    }

    @Test
    void anActiveClientGetsEverythingAtOnce() {
        filter.write(presence("a@x/1", "away"));
        filter.write(chatState("composing"));
        assertThat(written).hasSize(2);
    }

    @Test
    void inactiveHoldsTheLatestPresencePerSenderAndChatStatesUntilActive() {
        filter.state(false);
        filter.write(presence("a@x/1", "one"));
        filter.write(chatState("composing"));
        filter.write(presence("b@x/1", "b"));
        filter.write(presence("a@x/1", "two"));
        assertThat(written).isEmpty();

        filter.state(true);
        assertThat(written).containsExactly(chatState("composing"), presence("b@x/1", "b"), presence("a@x/1", "two"));
    }

    @Test
    void somethingUrgentGoesOutAtOnceBehindWhatWasHeld() {
        filter.state(false);
        filter.write(chatState("composing"));
        Stanza body = Xml.stanza("<message xmlns='jabber:client' type='chat'><body>hello</body></message>");
        filter.write(body);

        assertThat(written).containsExactly(chatState("composing"), body);
        assertThat(filter.heldCount()).isZero();
    }

    @Test
    void theHeldBufferIsBounded() {
        filter.state(false);
        for (int i = 0; i <= ClientStateFilter.MAX_HELD; i++) {
            filter.write(presence("a@x/" + i, "s"));
        }
        assertThat(written).hasSize(ClientStateFilter.MAX_HELD + 1);
        assertThat(filter.heldCount()).isZero();
    }

    @Test
    void heldStanzasAreNotHandedOnWhenTheSessionEnds() {
        filter.state(false);
        filter.write(chatState("composing"));
        assertThat(filter.takeUndelivered()).isEmpty();
    }
}
