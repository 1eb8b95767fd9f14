package org.switchboard.turn.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.common.net.AddressKey;
import org.switchboard.common.turn.TurnSettings.StreamLimits;

/**
 * Counts open TCP/TLS client connections, per source address (IPv6 by /64) and in all, shared by the TCP
 * and TLS listeners. A connection over either bound is refused as it opens.
 */
public final class StreamConnectionLimiter {

    /** Why a connection was refused, for the metric's tag. */
    public enum Refusal { PER_ADDRESS, TOTAL }

    private final StreamLimits limits;
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public StreamConnectionLimiter(StreamLimits limits) {
        this.limits = limits;
    }

    /** Takes a place for a connection from {@code address}; null when it may open, else why not. */
    Refusal tryAcquire(String address) {
        if (total.incrementAndGet() > limits.total()) {
            total.decrementAndGet();
            return Refusal.TOTAL;
        }
        String key = AddressKey.of(address);
        AtomicInteger count = perAddress.computeIfAbsent(key, ignored -> new AtomicInteger());
        if (count.incrementAndGet() > limits.perAddress()) {
            release(address);
            return Refusal.PER_ADDRESS;
        }
        return null;
    }

    void release(String address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(AddressKey.of(address), (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int open() {
        return total.get();
    }
}
