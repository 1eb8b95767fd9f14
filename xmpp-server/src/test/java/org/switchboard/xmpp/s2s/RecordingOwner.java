package org.switchboard.xmpp.s2s;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The owner of an outgoing link, for tests that drive the link by hand: it records the ids of the stanzas bounced and
 * handed back to be sent again, and the stanzas the peer sent on a bidirectional stream, each of which stays in
 * handling until the test completes its entry in {@link #handling}.
 */
final class RecordingOwner implements OutgoingLink.Owner {

    final List<String> bounced = new ArrayList<>();
    final List<String> resent = new ArrayList<>();
    final List<Stanza> received = new ArrayList<>();
    final List<Sinks.Empty<Void>> handling = new ArrayList<>();

    @Override
    public void undeliverable(Stanza stanza, StanzaError error, String reason) {
        bounced.add(stanza.element().attribute("id"));
    }

    @Override
    public void usable(OutgoingLink link) {
    }

    @Override
    public void gone(OutgoingLink link, boolean wasUsable) {
    }

    @Override
    public void sent(OutgoingLink link, int bytes) {
    }

    @Override
    public void resend(OutgoingLink link, List<OutgoingLink.Sent> unacknowledged) {
        unacknowledged.forEach(sent -> resent.add(sent.stanza().element().attribute("id")));
    }

    @Override
    public Mono<Void> received(OutgoingLink link, Stanza stanza) {
        received.add(stanza);
        Sinks.Empty<Void> done = Sinks.empty();
        handling.add(done);
        return done.asMono();
    }
}
