package org.switchboard.xmpp.xep.sm;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.switchboard.xmpp.stanza.StreamError;

/** The connection a stream-managed session is attached to, as the session needs it. Safe from any thread. */
public interface StreamLink {

    /** Writes and flushes now (acks, requests, resumption answers). */
    void send(String xml);

    /** Writes a stanza, flushed with the others of the same burst. Order with {@link #send} is kept. */
    void sendSoon(String xml);

    /** Completes once everything sent so far, {@link #sendSoon} included, is flushed to the connection. */
    CompletionStage<Void> flushed();

    /** Runs {@code task} on the connection's thread after {@code delay}; the returned action cancels it. */
    Runnable schedule(Runnable task, Duration delay);

    /** Ends the stream with an error; the session then ends (or is detached) as the stream decides. */
    void fail(StreamError error, String text);

    /**
     * Another stream has resumed the session: this connection closes without a word and without ending the
     * session, and reads nothing more. {@code then} runs on the new stream's side once that is done.
     */
    void handOver(Runnable then);
}
