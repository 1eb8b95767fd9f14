package org.switchboard.xmpp.s2s;

/**
 * What one remote domain may use of this server, over all its connections (ADR 0053).
 *
 * @param maxConnections   connections per remote domain in each direction
 *                         ({@code SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN}, 10): a peer needs one per pair of
 *                         domains, a few more while it reconnects; beyond that its new streams end with
 *                         {@code policy-violation}
 * @param stanzasPerSecond stanzas a second one remote domain may send over all its connections before they are read
 *                         more slowly ({@code SWITCHBOARD_XMPP_S2S_STANZAS_PER_SECOND}, 200; 0 for no limit)
 * @param stanzaBurst      stanzas it may send at once before that rate applies ({@code SWITCHBOARD_XMPP_S2S_STANZA_BURST}, 1000)
 */
public record PeerLimits(int maxConnections, int stanzasPerSecond, int stanzaBurst) {

    public static final PeerLimits DEFAULT = new PeerLimits(10, 200, 1000);

    public PeerLimits {
        if (maxConnections < 1 || stanzasPerSecond < 0 || stanzaBurst < 1) {
            throw new IllegalArgumentException("a peer needs at least one connection and a burst of one stanza; rates are not negative");
        }
    }

    public boolean rateLimited() {
        return stanzasPerSecond > 0;
    }
}
