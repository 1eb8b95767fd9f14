package org.switchboard.xmpp.s2s;

/**
 * What one remote domain, or one address peers connect from, may use of this server (ADR 0053, ADR 0054).
 *
 * @param maxConnections     connections per remote domain in each direction
 *                           ({@code SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN}, 10): a peer needs one per pair of
 *                           domains, a few more while it reconnects; beyond that its new streams end with
 *                           {@code policy-violation}
 * @param stanzasPerSecond   stanzas a second one remote domain may send over all its connections before they are read
 *                           more slowly ({@code SWITCHBOARD_XMPP_S2S_STANZAS_PER_SECOND}, 200; 0 for no limit)
 * @param stanzaBurst        stanzas it may send at once before that rate applies ({@code SWITCHBOARD_XMPP_S2S_STANZA_BURST}, 1000)
 * @param unauthenticatedPerAddress incoming s2s connections one source address (IPv6 by /64) may have open before they
 *                           have proved a domain ({@code SWITCHBOARD_XMPP_S2S_MAX_UNAUTHENTICATED_PER_ADDRESS}, 20): the
 *                           limit per domain counts only proved streams, so without this a peer could hold any number
 *                           of half-open streams
 */
public record PeerLimits(int maxConnections, int stanzasPerSecond, int stanzaBurst, int unauthenticatedPerAddress) {

    /** As many half-open streams per address as clients may have (ClientLimits): a peer negotiates in well under a second. */
    public static final int DEFAULT_UNAUTHENTICATED_PER_ADDRESS = 20;

    public static final PeerLimits DEFAULT = new PeerLimits(10, 200, 1000, DEFAULT_UNAUTHENTICATED_PER_ADDRESS);

    public PeerLimits {
        if (maxConnections < 1 || stanzasPerSecond < 0 || stanzaBurst < 1 || unauthenticatedPerAddress < 1) {
            throw new IllegalArgumentException("a peer needs at least one connection (proved or not) and a burst of one stanza; "
                    + "rates are not negative");
        }
    }

    /** Limits per domain, with the default bound on unauthenticated connections per address. */
    public PeerLimits(int maxConnections, int stanzasPerSecond, int stanzaBurst) {
        this(maxConnections, stanzasPerSecond, stanzaBurst, DEFAULT_UNAUTHENTICATED_PER_ADDRESS);
    }

    public boolean rateLimited() {
        return stanzasPerSecond > 0;
    }
}
