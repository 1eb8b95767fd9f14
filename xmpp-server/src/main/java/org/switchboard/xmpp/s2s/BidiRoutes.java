package org.switchboard.xmpp.s2s;

import java.util.List;

/**
 * XEP-0288: streams peers opened to this server and asked to use both ways. Once such a stream has proved a remote
 * domain for one of ours, stanzas from ours to it may go back over that stream instead of a connection of our own.
 */
interface BidiRoutes {

    /** {@code stream} now carries stanzas from {@code local} to {@code remote} too. */
    void opened(String local, String remote, InboundStream stream);

    /** {@code stream} ended; it no longer carries anything for {@code local} to {@code remote}. */
    void closed(String local, String remote, InboundStream stream);

    /** Stanzas of ours a stream may hold unacknowledged (XEP-0198) before the next ones take another route. */
    int unacknowledgedLimit();

    /** A peer's stream ended before the peer acknowledged these of ours (XEP-0198): they go again, in this order. */
    void unacknowledged(String remote, List<OutgoingLink.Sent> stanzas);
}
