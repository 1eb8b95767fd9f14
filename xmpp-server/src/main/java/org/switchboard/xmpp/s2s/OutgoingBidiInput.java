package org.switchboard.xmpp.s2s;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * XEP-0288 on a stream this server opened and asked to use both ways: the peer's stanzas arriving on it, handled one at a
 * time in their order, as on a stream the peer opened. While one is being handled (its domain's rate may make it wait,
 * ADR 0053) the connection is not read, and anything already read waits here; an {@code <r/>} (XEP-0198, if the peer
 * enabled it on its side) waits its turn too, so its {@code <a/>} counts only stanzas already handled. Runs on the
 * connection's thread only.
 */
final class OutgoingBidiInput {

    private static final Logger log = LoggerFactory.getLogger(OutgoingBidiInput.class);
    private static final Object ACK_REQUEST = new Object();

    private final OutgoingLink link;
    private final OutgoingTransport transport;
    /** Stanzas, and {@link #ACK_REQUEST} for an {@code <r/>}, in the order they came. */
    private final Deque<Object> waiting = new ArrayDeque<>();
    private boolean busy;
    private long handled;

    OutgoingBidiInput(OutgoingLink link, OutgoingTransport transport) {
        this.link = link;
        this.transport = transport;
    }

    void stanza(Stanza stanza) {
        waiting.add(stanza);
        next();
    }

    /** {@code <r/>}: answered once everything before it has been handled. */
    void ackRequest() {
        waiting.add(ACK_REQUEST);
        next();
    }

    private void next() {
        while (!busy && !waiting.isEmpty()) {
            Object next = waiting.poll();
            if (!(next instanceof Stanza stanza)) {
                transport.send("<a xmlns='" + OutgoingAcks.NAMESPACE + "' h='" + handled + "'/>");
                continue;
            }
            busy = true;
            transport.pauseReading();
            link.received(stanza).subscribe(null, e -> {
                log.warn("Handling a stanza from {} failed", link.remote(), e);
                transport.execute(this::done);
            }, () -> transport.execute(this::done));
        }
        if (!busy) {
            transport.resumeReading();
        }
    }

    private void done() {
        busy = false;
        handled = Math.floorMod(handled + 1, 1L << 32);
        next();
    }
}
