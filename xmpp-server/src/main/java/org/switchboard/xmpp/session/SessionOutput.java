package org.switchboard.xmpp.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

/**
 * Where a bound session's stanzas go: straight to its connection, or through a filter (XEP-0352) or a queue
 * that outlives the connection (XEP-0198). {@link BoundSession} calls {@link #write} under its own lock, so
 * an output sees stanzas one at a time and in delivery order, from any thread.
 */
public interface SessionOutput {

    void write(Stanza stanza);

    /**
     * Completes once what was written so far is on the client's connection; at once when there is none to
     * write to (detached), or the output holds the stanzas back on purpose (XEP-0352).
     */
    default CompletionStage<Void> flushed() {
        return CompletableFuture.completedFuture(null);
    }

    /** Ends the session with a stream error; a session without a connection just ends. */
    void close(StreamError error, String text);

    /** True while the session has no connection and waits to be resumed (XEP-0198). */
    default boolean detached() {
        return false;
    }

    /**
     * The session ends: the stanzas that may not have reached the client (sent but not acknowledged, or
     * queued), oldest first, for the caller to deliver elsewhere. Nothing is written afterwards.
     */
    default List<Undelivered> takeUndelivered() {
        return List.of();
    }
}
