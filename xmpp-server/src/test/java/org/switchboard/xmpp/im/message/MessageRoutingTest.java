package org.switchboard.xmpp.im.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.message.MessageRouting.Decision;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.PresenceState;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;

/** RFC 6121 section 8.5, by address and type. */
class MessageRoutingTest {

    private static final Jid JULIET = Jid.parse("juliet@example.com");

    private static FakeSession session(String resource, boolean available, int priority) {
        FakeSession session = new FakeSession(JULIET.withResource(resource));
        session.presence(available ? new PresenceState(true, priority) : PresenceState.UNAVAILABLE);
        return session;
    }

    @Test
    void chatToTheBareJidGoesToTheHighestPriorityResources() {
        FakeSession low = session("low", true, 1);
        FakeSession high = session("high", true, 5);
        FakeSession alsoHigh = session("also", true, 5);

        Decision decision = MessageRouting.decide("chat", JULIET, Optional.empty(), List.of(low, high, alsoHigh));

        assertThat(((Decision.Deliver) decision).sessions()).containsExactlyInAnyOrder(high, alsoHigh);
    }

    @Test
    void negativePriorityAndUnavailableSessionsDoNotCountSoTheMessageIsStored() {
        List<ClientSession> sessions = List.of(session("neg", true, -1), session("quiet", false, 0));

        assertThat(MessageRouting.decide(null, JULIET, Optional.empty(), sessions)).isInstanceOf(Decision.StoreOffline.class);
    }

    @Test
    void headlineGoesToEveryNonNegativeResourceOrNowhere() {
        FakeSession a = session("a", true, 0);
        FakeSession b = session("b", true, 3);

        assertThat(((Decision.Deliver) MessageRouting.decide("headline", JULIET, Optional.empty(), List.of(a, b))).sessions())
                .containsExactlyInAnyOrder(a, b);
        assertThat(MessageRouting.decide("headline", JULIET, Optional.empty(), List.of())).isInstanceOf(Decision.Drop.class);
    }

    @Test
    void groupchatToAnAccountIsRefused() {
        assertThat(MessageRouting.decide("groupchat", JULIET, Optional.empty(), List.of(session("a", true, 0))))
                .isEqualTo(new Decision.Refuse(StanzaError.SERVICE_UNAVAILABLE));
    }

    @Test
    void aConnectedFullJidGetsTheMessageEvenWithNegativePriority() {
        FakeSession neg = session("neg", true, -5);

        Decision decision = MessageRouting.decide("chat", neg.jid(), Optional.of(neg), List.of(neg));

        assertThat(((Decision.Deliver) decision).sessions()).containsExactly(neg);
    }

    @Test
    void chatToAnUnknownResourceIsHandledAsBare() {
        FakeSession other = session("other", true, 0);

        Decision decision = MessageRouting.decide("chat", JULIET.withResource("gone"), Optional.empty(), List.of(other));

        assertThat(((Decision.Deliver) decision).sessions()).containsExactly(other);
    }

    @Test
    void headlineAndErrorsToAnUnknownResourceAreDropped() {
        Jid gone = JULIET.withResource("gone");

        assertThat(MessageRouting.decide("headline", gone, Optional.empty(), List.of())).isInstanceOf(Decision.Drop.class);
        assertThat(MessageRouting.decide("error", gone, Optional.empty(), List.of())).isInstanceOf(Decision.Drop.class);
        assertThat(MessageRouting.decide("groupchat", gone, Optional.empty(), List.of()))
                .isEqualTo(new Decision.Refuse(StanzaError.SERVICE_UNAVAILABLE));
    }
}
