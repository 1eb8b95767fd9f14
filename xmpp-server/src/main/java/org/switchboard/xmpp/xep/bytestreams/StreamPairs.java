package org.switchboard.xmpp.xep.bytestreams;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import java.util.HashMap;
import java.util.Map;

/**
 * The proxy's streams by hash: the first connection to name a hash opens it, the second joins it, the initiator's
 * activation starts the relay. At most {@code maxStreams} exist at once. A stream ends with either of its
 * connections, and takes the other along.
 */
final class StreamPairs {

    enum Joined { FIRST, SECOND, TAKEN, FULL }

    /** The answers to an activation, each with the error XEP-0065 section 6.3.5 names for it. */
    enum Activation { ACTIVATED, ONE_PARTY, UNKNOWN, ALREADY_ACTIVE }

    private static final class Pair {
        final Socks5Handshake first;
        Socks5Handshake second;
        boolean active;

        Pair(Socks5Handshake first) {
            this.first = first;
        }
    }

    private final int maxStreams;
    private final Map<StreamHash, Pair> pairs = new HashMap<>();

    StreamPairs(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    Joined join(StreamHash hash, Socks5Handshake side) {
        Joined joined;
        synchronized (this) {
            Pair pair = pairs.get(hash);
            if (pair == null) {
                if (pairs.size() >= maxStreams) {
                    return Joined.FULL;
                }
                pairs.put(hash, new Pair(side));
                joined = Joined.FIRST;
            } else if (pair.second == null && !pair.active) {
                pair.second = side;
                joined = Joined.SECOND;
            } else {
                return Joined.TAKEN;
            }
        }
        side.channel().closeFuture().addListener(closed -> ended(hash, side));
        return joined;
    }

    Activation activate(StreamHash hash) {
        Pair pair;
        synchronized (this) {
            pair = pairs.get(hash);
            if (pair == null) {
                return Activation.UNKNOWN;
            }
            if (pair.active) {
                return Activation.ALREADY_ACTIVE;
            }
            if (pair.second == null) {
                return Activation.ONE_PARTY;
            }
            pair.active = true;
        }
        StreamActivity activity = new StreamActivity(System::nanoTime);
        pair.first.relayTo(pair.second.channel(), activity);
        pair.second.relayTo(pair.first.channel(), activity);
        return Activation.ACTIVATED;
    }

    /** Streams open now, waiting or relaying. */
    synchronized int size() {
        return pairs.size();
    }

    private void ended(StreamHash hash, Socks5Handshake side) {
        Pair pair;
        synchronized (this) {
            pair = pairs.get(hash);
            if (pair == null || (pair.first != side && pair.second != side)) {
                return;
            }
            pairs.remove(hash);
        }
        Socks5Handshake other = pair.first == side ? pair.second : pair.first;
        if (other != null) {
            other.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
