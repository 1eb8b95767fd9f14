package org.switchboard.xmpp.s2s;

import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.routing.StanzaRouter;

/**
 * What every stream a peer opens to this server shares.
 *
 * @param unauthenticated places for streams that have not proved a domain yet, per source address (ADR 0054)
 * @param bidi            where streams a peer asked to use both ways (XEP-0288) become routes back to it
 */
record InboundDeps(PeerPolicy policy, DialbackVerifier verifier, StanzaRouter router, DomainLoad load, PeerMetrics metrics,
                   ConnectionLimiter unauthenticated, BidiRoutes bidi) {
}
