package org.switchboard.xmpp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.PresenceState;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

/** RFC 6121 section 8.5.2: which of an account's sessions get a stanza sent to the bare JID. */
class LocalDeliveryTest {

    private final FakeSession phone = new FakeSession("phone", new PresenceState(true, 5));
    private final FakeSession laptop = new FakeSession("laptop", new PresenceState(true, 5));
    private final FakeSession away = new FakeSession("away", new PresenceState(true, 1));
    private final FakeSession hidden = new FakeSession("hidden", new PresenceState(true, -1));
    private final FakeSession offline = new FakeSession("offline", PresenceState.UNAVAILABLE);
    private final List<ClientSession> all = List.of(phone, laptop, away, hidden, offline);

    private static Stanza message(String type) {
        return new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("type", type).build());
    }

    @Test
    void chatGoesToTheHighestPriorityAvailableSessions() {
        assertThat(LocalDelivery.recipients(message("chat"), all)).containsExactlyInAnyOrder(phone, laptop);
    }

    @Test
    void headlineGoesToEveryNonNegativePrioritySession() {
        assertThat(LocalDelivery.recipients(message("headline"), all)).containsExactlyInAnyOrder(phone, laptop, away);
    }

    @Test
    void presenceGoesToEveryAvailableSession() {
        Stanza presence = new Stanza(Element.of("presence", Namespaces.CLIENT));

        assertThat(LocalDelivery.recipients(presence, all)).containsExactlyInAnyOrder(phone, laptop, away, hidden);
    }

    @Test
    void onlyNegativePrioritySessionsMeanNobodyGetsAMessage() {
        assertThat(LocalDelivery.recipients(message("chat"), List.of(hidden, offline))).isEmpty();
    }

    private record FakeSession(String resource, PresenceState presence) implements ClientSession {
        @Override
        public Jid jid() {
            return Jid.of("juliet", "example.com", resource);
        }

        @Override
        public void deliver(Stanza stanza) {
        }

        @Override
        public void close(StreamError error, String text) {
        }

        @Override
        public void presence(PresenceState state) {
        }
    }
}
