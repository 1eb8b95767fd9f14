package org.switchboard.xmpp.xep.sm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * The stanzas sent to the client and not yet acknowledged, oldest first, and the count of everything
 * sent (the server's side of h). Not thread-safe: {@link AckedOutput} guards it.
 */
final class UnackedQueue {

    private final Deque<Undelivered> unacked = new ArrayDeque<>();
    private long sent;

    /** Sets the count of stanzas sent before this queue took over (zero for a new session). */
    UnackedQueue(long sentBefore) {
        this.sent = sentBefore & Counter.MASK;
    }

    void sent(Stanza stanza) {
        unacked.add(Undelivered.now(stanza));
        sent = Counter.next(sent);
    }

    /**
     * The client has handled {@code h} stanzas in all: everything up to h leaves the queue. False, with the
     * queue unchanged, when h counts more than was sent (or goes back behind an earlier acknowledgement).
     */
    boolean acknowledge(long h) {
        long newlyAcked = Counter.between(acknowledged(), h);
        if (newlyAcked > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newlyAcked; i++) {
            unacked.poll();
        }
        return true;
    }

    /** The h the client last acknowledged. */
    long acknowledged() {
        return Counter.minus(sent, unacked.size());
    }

    long sentCount() {
        return sent;
    }

    int size() {
        return unacked.size();
    }

    List<Stanza> unacked() {
        return unacked.stream().map(Undelivered::stanza).toList();
    }

    List<Undelivered> drain() {
        List<Undelivered> all = new ArrayList<>(unacked);
        unacked.clear();
        return all;
    }
}
