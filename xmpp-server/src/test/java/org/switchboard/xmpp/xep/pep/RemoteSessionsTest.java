package org.switchboard.xmpp.xep.pep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Jid;

class RemoteSessionsTest {

    private static final Jid ALICE = Jid.parse("alice@switchboard.test");
    private static final Jid CAROL = Jid.parse("carol@switchboard.test");
    private static final Jid PHONE = Jid.parse("bob@prosody.test/phone");
    private static final Jid TABLET = Jid.parse("bob@prosody.test/tablet");

    @Test
    void aSessionIsAvailableToEachAccountItToldOnceAndGoneForAllWhenUnavailable() {
        RemoteSessions sessions = new RemoteSessions();
        assertThat(sessions.available(PHONE, ALICE)).isTrue();
        assertThat(sessions.available(PHONE, ALICE)).as("the same account again").isFalse();
        assertThat(sessions.available(PHONE, CAROL)).as("another account").isTrue();
        assertThat(sessions.available(TABLET, ALICE)).isTrue();
        assertThat(sessions.owners(PHONE)).containsExactlyInAnyOrder(ALICE, CAROL);
        assertThat(sessions.of(PHONE.bare())).containsExactlyInAnyOrder(PHONE, TABLET);
        assertThat(sessions.of(ALICE)).as("a local account has none here").isEmpty();

        sessions.unavailable(PHONE);
        assertThat(sessions.contains(PHONE)).isFalse();
        assertThat(sessions.owners(PHONE)).isEmpty();
        assertThat(sessions.of(PHONE.bare())).containsExactly(TABLET);
        sessions.unavailable(TABLET);
        assertThat(sessions.of(PHONE.bare())).isEmpty();
        sessions.unavailable(TABLET);
    }

    @Test
    void pastTheLimitOfPairsNoMoreAreKeptUntilSomeGo() {
        RemoteSessions sessions = new RemoteSessions(2);
        assertThat(sessions.available(PHONE, ALICE)).isTrue();
        assertThat(sessions.available(PHONE, CAROL)).isTrue();
        assertThat(sessions.available(TABLET, ALICE)).as("a third pair").isFalse();
        assertThat(sessions.contains(TABLET)).isFalse();
        sessions.unavailable(PHONE);
        assertThat(sessions.available(TABLET, ALICE)).as("room again once the phone's two pairs went").isTrue();
    }
}
