package org.switchboard.xmpp.session;

import java.util.List;
import java.util.function.Consumer;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import reactor.core.publisher.Mono;

/**
 * A client that has bound a resource, as routing sees it. The session outlives its connection when stream
 * management keeps it for resumption, so what it writes to is a {@link SessionOutput} the stream can swap.
 */
public final class BoundSession implements ClientSession {

    private final Jid jid;
    private volatile PresenceState presence = PresenceState.UNAVAILABLE;
    private volatile long availableSince = Long.MAX_VALUE;
    /** Guarded by this, like everything written through it. */
    private SessionOutput output;
    private boolean ended;
    private Consumer<Stanza> afterEnd = stanza -> { };

    public BoundSession(Jid jid, SessionOutput output) {
        this.jid = jid;
        this.output = output;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public synchronized void deliver(Stanza stanza) {
        if (ended) {
            // a router that found this session just before it ended
            afterEnd.accept(stanza);
        } else {
            output.write(stanza);
        }
    }

    @Override
    public Mono<Void> flushed() {
        return Mono.fromCompletionStage(output()::flushed);
    }

    @Override
    public void close(StreamError error, String text) {
        output().close(error, text);
    }

    @Override
    public boolean isDetached() {
        return output().detached();
    }

    public synchronized SessionOutput output() {
        return output;
    }

    public synchronized void output(SessionOutput newOutput) {
        output = newOutput;
    }

    /**
     * Stops delivery, once: the session no longer counts as available, and stanzas that still reach it go to
     * {@code afterEnd}. Returns what the output had not got through to the client, for the caller to deliver
     * elsewhere; empty if the session had already ended.
     */
    public synchronized List<Undelivered> end(Consumer<Stanza> lateStanzas) {
        if (ended) {
            return List.of();
        }
        ended = true;
        afterEnd = lateStanzas;
        // the priority stays: it tells which other resources received what this one did
        presence(new PresenceState(false, presence.priority()));
        return output.takeUndelivered();
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public PresenceState presence() {
        return presence;
    }

    @Override
    public void presence(PresenceState state) {
        if (!state.available()) {
            availableSince = Long.MAX_VALUE;
        } else if (!presence.available()) {
            availableSince = System.nanoTime();
        }
        this.presence = state;
    }

    @Override
    public long availableSince() {
        return availableSince;
    }

    @Override
    public String toString() {
        return "session " + jid;
    }
}
