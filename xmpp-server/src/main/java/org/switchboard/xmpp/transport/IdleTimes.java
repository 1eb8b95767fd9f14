package org.switchboard.xmpp.transport;

import java.time.Duration;

/**
 * What silence on a connection means. After {@code quietAfter} without input the stream is told it is
 * quiet (a bound client session is then pinged, XEP-0199); after {@code closeAfter} the connection is
 * closed with {@code connection-timeout}. Both count from the last byte read, whitespace keep-alives and
 * ping answers included, so a client that answers pings is never closed for silence. The handler looks
 * every {@code quietAfter}, so the close comes at the first look at or past {@code closeAfter}; with
 * {@code quietAfter} not shorter than {@code closeAfter} there is no quiet notice, only the close.
 *
 * <p>With {@code writesCount}, what the server writes resets the silence too: a peer server's stream that carries
 * only this server's stanzas (XEP-0288) is in use although the peer sends nothing back. A client's is not: a client
 * that reads without a word is still pinged and closed.
 */
public record IdleTimes(Duration quietAfter, Duration closeAfter, boolean writesCount) {

    public IdleTimes {
        if (quietAfter.isNegative() || quietAfter.isZero() || closeAfter.isNegative() || closeAfter.isZero()) {
            throw new IllegalArgumentException("idle times must be positive");
        }
    }

    /** Silence counted on input only. */
    public IdleTimes(Duration quietAfter, Duration closeAfter) {
        this(quietAfter, closeAfter, false);
    }

    /** No quiet notice, only the close: for connections that are not pinged (components). */
    public static IdleTimes closeAfter(Duration closeAfter) {
        return new IdleTimes(closeAfter, closeAfter);
    }

    /** Closed after {@code closeAfter} with nothing read and nothing written: for peer servers' streams. */
    public static IdleTimes closeAfterNoTrafficEitherWay(Duration closeAfter) {
        return new IdleTimes(closeAfter, closeAfter, true);
    }

    /** How often the idle handler looks: the shorter of the two. */
    public Duration checkEvery() {
        return quietAfter.compareTo(closeAfter) < 0 ? quietAfter : closeAfter;
    }
}
