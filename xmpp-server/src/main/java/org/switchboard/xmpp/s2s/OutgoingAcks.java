package org.switchboard.xmpp.s2s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * XEP-0198 acknowledgements on one outgoing stream, when the peer offers stream management on s2s (Prosody does): the
 * stanzas written since {@code <enable/>} that the peer has not acknowledged yet, oldest first. When the stream dies,
 * those are what may not have arrived, and they are sent again over a new connection (no resumption on s2s: XEP-0198
 * section 5 ties it to a client's session). At most one {@code <r/>} is outstanding, so acks cost one round trip each
 * however many stanzas go. Not thread-safe: its {@link OutgoingLink} guards it.
 */
final class OutgoingAcks {

    static final String NAMESPACE = "urn:xmpp:sm:3";
    static final String ENABLE = "<enable xmlns='" + NAMESPACE + "'/>";
    static final String REQUEST = "<r xmlns='" + NAMESPACE + "'/>";

    /** h is a 32-bit counter that wraps (XEP-0198 section 4). */
    private static final long WRAP = 1L << 32;

    private final Deque<OutgoingLink.Sent> unacked = new ArrayDeque<>();
    private long acked;
    private boolean requested;

    /** Records a stanza just written; returns whether an {@code <r/>} should follow it. */
    boolean written(OutgoingLink.Sent sent) {
        unacked.add(sent);
        if (requested) {
            return false;
        }
        requested = true;
        return true;
    }

    /**
     * The peer has handled {@code h} stanzas since enable: those leave the queue. Returns whether another {@code <r/>}
     * should go (some are still unacknowledged).
     *
     * @throws IllegalArgumentException when {@code h} counts more stanzas than were sent (handled-count-too-high)
     */
    boolean acknowledged(long h) {
        long fresh = Math.floorMod(h - acked, WRAP);
        if (fresh > unacked.size()) {
            throw new IllegalArgumentException("the peer acknowledged " + fresh + " stanzas, but only " + unacked.size()
                    + " were unacknowledged");
        }
        for (long i = 0; i < fresh; i++) {
            unacked.poll();
        }
        acked = Math.floorMod(h, WRAP);
        requested = !unacked.isEmpty();
        return requested;
    }

    int unacknowledged() {
        return unacked.size();
    }

    /** The stream is gone: what it did not acknowledge, oldest first. */
    List<OutgoingLink.Sent> drain() {
        List<OutgoingLink.Sent> left = new ArrayList<>(unacked);
        unacked.clear();
        return left;
    }
}
