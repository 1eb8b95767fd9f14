package org.switchboard.xmpp.xep.sm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.switchboard.xmpp.session.SessionOutput;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

/**
 * The output of a stream-managed session: every stanza is counted and kept until the client acknowledges
 * it, written while a connection is attached and only queued while none is (detached, waiting for
 * resumption). It asks for acknowledgements itself, after a few stanzas or a short pause, so the queue
 * stays short. Every method is synchronized: stanzas arrive from any thread, acks on the stream's.
 */
public final class AckedOutput implements SessionOutput {

    /** Stanzas written before the server asks for an ack; small, so a mobile client's queue stays short. */
    static final int REQUEST_AFTER = 5;
    /** A stanza not followed by four more is asked about after this pause. */
    static final Duration REQUEST_DELAY = Duration.ofSeconds(1);
    /** A client that never acknowledges does not get to make the server hold unbounded memory. */
    static final int MAX_UNACKED = 10_000;

    private final String id;
    private final UnackedQueue queue = new UnackedQueue(0);
    private long handled;
    private StreamLink link;
    private boolean ended;
    private int sinceRequest;
    private boolean requestScheduled;
    private boolean overflowing;
    /** While detached: ends the session. */
    private Runnable endDetached;
    /** Counts detachments, so a resume timeout from an earlier one cannot end a later one early. */
    private long detachments;

    /** @param id the resumption id, or null when the client did not ask for resumption */
    AckedOutput(String id, StreamLink link) {
        this.id = id;
        this.link = link;
    }

    /** The id the client resumes with, or null for a session that cannot be resumed. */
    String id() {
        return id;
    }

    @Override
    public synchronized void write(Stanza stanza) {
        if (ended) {
            return;
        }
        queue.sent(stanza);
        if (queue.size() > MAX_UNACKED && !overflowing) {
            overflowing = true;
            close(StreamError.RESOURCE_CONSTRAINT, "too many stanzas are not acknowledged");
            return;
        }
        if (link != null) {
            link.sendSoon(stanza.toXml());
            requestAckSoon();
        }
    }

    private void requestAckSoon() {
        if (++sinceRequest >= REQUEST_AFTER) {
            requestNow();
        } else if (!requestScheduled) {
            requestScheduled = true;
            link.schedule(this::delayedRequest, REQUEST_DELAY);
        }
    }

    private synchronized void delayedRequest() {
        requestScheduled = false;
        if (link != null && !ended && sinceRequest > 0) {
            requestNow();
        }
    }

    private void requestNow() {
        sinceRequest = 0;
        link.sendSoon(SmElements.REQUEST);
    }

    /** The client's {@code <a h/>}: false when it acknowledges more than was sent. */
    public synchronized boolean acknowledge(long h) {
        return queue.acknowledge(h);
    }

    /** One more stanza from the client has been handled. */
    public synchronized void handledOne() {
        handled = Counter.next(handled);
    }

    /** The server's h: stanzas from the client handled so far. */
    public synchronized long handled() {
        return handled;
    }

    synchronized long sentCount() {
        return queue.sentCount();
    }

    synchronized int unackedCount() {
        return queue.size();
    }

    /**
     * The connection is gone: stanzas are queued until {@link #resume} or until {@code end} runs. Returns
     * which detachment this is, for {@link #stillDetached}.
     */
    synchronized long detach(Runnable end) {
        link = null;
        endDetached = end;
        return ++detachments;
    }

    /** Whether the session is still waiting in the same detachment (not resumed, not ended, not detached anew). */
    synchronized boolean stillDetached(long detachment) {
        return link == null && !ended && detachments == detachment;
    }

    /** The connection the session is attached to, or null while detached. */
    synchronized StreamLink link() {
        return link;
    }

    /** Detached, there is no connection: nothing to wait for. */
    @Override
    public synchronized CompletionStage<Void> flushed() {
        return link != null ? link.flushed() : CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized boolean detached() {
        return link == null && !ended;
    }

    /**
     * A new stream resumes the session after the client handled {@code clientH} stanzas: answers
     * {@code <resumed/>} and resends the rest, before any new stanza can go out. Returns null when it worked,
     * else what failed.
     */
    synchronized ResumeFailure resume(StreamLink newLink, long clientH) {
        if (ended) {
            return ResumeFailure.GONE;
        }
        if (!queue.acknowledge(clientH)) {
            return ResumeFailure.H_TOO_HIGH;
        }
        link = newLink;
        endDetached = null;
        sinceRequest = 0;
        newLink.send(SmElements.resumed(id, handled));
        for (Stanza stanza : queue.unacked()) {
            newLink.sendSoon(stanza.toXml());
        }
        if (queue.size() > 0) {
            requestNow();
        }
        return null;
    }

    enum ResumeFailure { GONE, H_TOO_HIGH }

    @Override
    public void close(StreamError error, String text) {
        StreamLink attached;
        Runnable end;
        synchronized (this) {
            attached = link;
            end = endDetached;
        }
        // outside the lock: ending takes the session's lock, which is taken before this one everywhere else
        if (attached != null) {
            attached.fail(error, text);
        } else if (end != null) {
            end.run();
        }
    }

    @Override
    public synchronized List<Undelivered> takeUndelivered() {
        ended = true;
        link = null;
        return queue.drain();
    }
}
