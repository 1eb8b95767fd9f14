package org.switchboard.xmpp.s2s;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0288 on one stream a peer opened: whether it asked for a bidirectional stream (after TLS, before authenticating,
 * as Prosody 0.12 does when offered), and the pairs of (our domain, its domain) the stream then carries back to it —
 * each pair the peer proves on the stream, by SASL EXTERNAL or dialback. Those are routes of {@link BidiRoutes} for as
 * long as the stream lives. Runs on the stream's thread only.
 */
final class InboundBidi {

    private static final Logger log = LoggerFactory.getLogger(InboundBidi.class);

    private final BidiRoutes routes;
    private final InboundStream stream;
    private final Set<Map.Entry<String, String>> carried = new LinkedHashSet<>();
    private boolean requested;

    InboundBidi(BidiRoutes routes, InboundStream stream) {
        this.routes = routes;
        this.stream = stream;
    }

    void request() {
        requested = true;
    }

    /** The peer proved {@code remote} for our {@code local}: on a bidirectional stream, ours to it may go back here. */
    void proved(String local, String remote) {
        if (requested && carried.add(Map.entry(local, remote))) {
            log.info("Incoming connection from {} carries {} -> {} too (XEP-0288)", remote, local, remote);
            routes.opened(local, remote, stream);
        }
    }

    void ended() {
        carried.forEach(pair -> routes.closed(pair.getKey(), pair.getValue(), stream));
    }
}
