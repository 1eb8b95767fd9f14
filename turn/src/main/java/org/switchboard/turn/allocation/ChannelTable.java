package org.switchboard.turn.allocation;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel bindings of one allocation, looked up by number (client to peer) and by peer (peer to client).
 * RFC 8656 §12.2: a number stays with one peer and a peer with one number; a rebind of the same pair
 * refreshes it.
 */
final class ChannelTable {

    private final Map<Integer, ChannelBinding> byNumber = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, ChannelBinding> byPeer = new ConcurrentHashMap<>();

    synchronized boolean bind(ChannelBinding binding) {
        ChannelBinding sameNumber = byNumber.get(binding.number());
        ChannelBinding samePeer = byPeer.get(binding.peer());
        if (sameNumber != null && !sameNumber.peer().equals(binding.peer())) {
            return false;
        }
        if (samePeer != null && samePeer.number() != binding.number()) {
            return false;
        }
        byNumber.put(binding.number(), binding);
        byPeer.put(binding.peer(), binding);
        return true;
    }

    ChannelBinding byNumber(int number) {
        return byNumber.get(number);
    }

    ChannelBinding byPeer(InetSocketAddress peer) {
        return byPeer.get(peer);
    }

    synchronized void sweep(Instant now) {
        byNumber.values().removeIf(binding -> !binding.activeAt(now));
        byPeer.values().removeIf(binding -> !binding.activeAt(now));
    }
}
