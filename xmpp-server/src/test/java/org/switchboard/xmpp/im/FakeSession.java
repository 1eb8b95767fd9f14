package org.switchboard.xmpp.im;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.PresenceState;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import reactor.core.publisher.Mono;

/** A bound session without a connection: it keeps what was delivered to it. */
public final class FakeSession implements ClientSession {

    private final Jid jid;
    public final List<Stanza> received = new CopyOnWriteArrayList<>();
    private volatile PresenceState presence = PresenceState.UNAVAILABLE;

    public FakeSession(Jid jid) {
        this.jid = jid;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public void deliver(Stanza stanza) {
        received.add(stanza);
    }

    /** What {@link #flushed} answers: done at once unless a test holds it. */
    public volatile Mono<Void> flushBarrier = Mono.empty();

    @Override
    public Mono<Void> flushed() {
        return flushBarrier;
    }

    /** The stream error the session was closed with, or null while open. */
    public volatile StreamError closedWith;

    @Override
    public void close(StreamError error, String text) {
        closedWith = error;
    }

    @Override
    public PresenceState presence() {
        return presence;
    }

    @Override
    public void presence(PresenceState state) {
        presence = state;
    }

    /** What the session received of one stanza kind and type (null type: none set). */
    public List<Stanza> received(Stanza.Kind kind, String type) {
        return received.stream()
                .filter(s -> s.kind() == kind && java.util.Objects.equals(s.type(), type))
                .toList();
    }
}
