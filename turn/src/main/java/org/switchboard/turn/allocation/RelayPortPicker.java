package org.switchboard.turn.allocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.common.turn.TurnSettings.PortRange;
import org.switchboard.turn.stun.StunError;

/**
 * Binds relay sockets on ports of the configured range, walking from a moving cursor so consecutive
 * allocations do not fight over the same port. A port the OS refuses (taken by anyone) is skipped.
 */
final class RelayPortPicker {

    /** Bounds the walk on a huge, nearly full range; beyond this the server is out of capacity anyway. */
    private static final int MAX_ATTEMPTS = 2048;

    /** A relay and, for EVEN-PORT with R, the one on the next port held for later. */
    record Pair(Relay relay, Relay next) {
    }

    private final PortRange range;
    private final RelaySockets sockets;
    private final AtomicInteger cursor;

    RelayPortPicker(PortRange range, RelaySockets sockets) {
        this.range = range;
        this.sockets = sockets;
        this.cursor = new AtomicInteger(ThreadLocalRandom.current().nextInt(range.size()));
    }

    Pair open(InetAddress bind, boolean even, boolean reserveNext) throws AllocationException {
        int attempts = Math.min(range.size(), MAX_ATTEMPTS);
        for (int i = 0; i < attempts; i++) {
            int port = range.first() + Math.floorMod(cursor.getAndIncrement(), range.size());
            if ((even && port % 2 != 0) || (reserveNext && !range.contains(port + 1))) {
                continue;
            }
            Relay relay = tryOpen(bind, port);
            if (relay == null) {
                continue;
            }
            if (!reserveNext) {
                return new Pair(relay, null);
            }
            Relay next = tryOpen(bind, port + 1);
            if (next != null) {
                cursor.incrementAndGet();
                return new Pair(relay, next);
            }
            relay.close();
        }
        throw new AllocationException(StunError.INSUFFICIENT_CAPACITY, "no free relay port in " + range);
    }

    private Relay tryOpen(InetAddress bind, int port) {
        try {
            return sockets.open(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            return null;
        }
    }
}
