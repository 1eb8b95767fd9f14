package org.switchboard.xmpp.session;

import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import reactor.core.publisher.Mono;

/** A bound client session as routing and modules see it; the connection behind it stays hidden. */
public interface ClientSession {

    /** The full JID, with the bound resource. */
    Jid jid();

    /** Writes a stanza to the client. Safe from any thread; dropped if the session has closed. */
    void deliver(Stanza stanza);

    /**
     * Completes once the stanzas delivered so far are on the client's connection (handed to the operating
     * system), so that an answer sent afterwards on another connection cannot overtake them. At once for a
     * session without a connection.
     */
    default Mono<Void> flushed() {
        return Mono.empty();
    }

    /** Ends the session with a stream error (e.g. {@code conflict} when another session takes its resource). */
    void close(StreamError error, String text);

    /** Presence state the IM modules maintain: whether the client sent available presence, and its priority. */
    PresenceState presence();

    void presence(PresenceState state);

    /**
     * True while the client's connection is gone but its session waits to be resumed (XEP-0198): it stays
     * bound and available, stanzas for it are queued, and the client cannot see them until it comes back.
     * Push (XEP-0357) wakes the client then. A session that has ended is no longer in the directory at all.
     */
    default boolean isDetached() {
        return false;
    }

    /**
     * Since when ({@link System#nanoTime()}) the session has been available without a break, or
     * {@link Long#MAX_VALUE} while it is not (or when it does not keep track).
     */
    default long availableSince() {
        return Long.MAX_VALUE;
    }
}
