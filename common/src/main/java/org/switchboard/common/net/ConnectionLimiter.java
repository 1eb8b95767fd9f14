package org.switchboard.common.net;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts connections — XMPP clients that have not authenticated yet, HTTPS and TURN TCP/TLS clients — per source address (IPv6 by /64, since one host
 * owns a whole /64) and in all, so neither one address nor many together can hold the server's memory with
 * half-open streams. Each acquired place must be released exactly once, with the same address.
 */
public final class ConnectionLimiter {

    /** Why a connection was refused, for the stream error's text and the metric's tag. */
    public enum Refusal { PER_ADDRESS, TOTAL }

    private final int maxPerAddress;
    private final int maxTotal;
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public ConnectionLimiter(int maxPerAddress, int maxTotal) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /** Takes a place for a connection from {@code address}: null when it may go on, else why not. */
    public Refusal tryAcquire(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Refusal.TOTAL;
        }
        boolean[] acquired = {false};
        counts.compute(AddressKey.of(address), (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        if (!acquired[0]) {
            total.decrementAndGet();
            return Refusal.PER_ADDRESS;
        }
        return null;
    }

    public void release(String address) {
        total.decrementAndGet();
        counts.computeIfPresent(AddressKey.of(address), (key, count) -> count <= 1 ? null : count - 1);
    }

    public int count(String address) {
        return counts.getOrDefault(AddressKey.of(address), 0);
    }

    /** Places taken now, over all addresses. */
    public int total() {
        return total.get();
    }
}
