package org.switchboard.xmpp.stream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts connections per source address that have not authenticated yet, so one address cannot hold
 * thousands of half-open streams. Each acquired permit must be released exactly once.
 */
public final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    public boolean tryAcquire(String address) {
        boolean[] acquired = {false};
        counts.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    public void release(String address) {
        counts.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    int count(String address) {
        return counts.getOrDefault(address, 0);
    }
}
