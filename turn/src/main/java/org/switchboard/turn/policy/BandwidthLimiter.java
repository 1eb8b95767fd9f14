package org.switchboard.turn.policy;

import java.util.function.LongSupplier;

/**
 * A token bucket of bytes per second with one second of burst. Packets that do not fit are dropped by the
 * caller (and counted): TURN has no way to push back on a sender.
 */
public final class BandwidthLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private long tokens;
    private long lastRefill;

    /** {@code bytesPerSecond} 0 means unlimited. */
    public BandwidthLimiter(long bytesPerSecond, LongSupplier nanoTime) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.tokens = bytesPerSecond;
        this.lastRefill = nanoTime.getAsLong();
    }

    public synchronized boolean tryAcquire(int bytes) {
        if (bytesPerSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        // elapsed is capped at one second, so elapsed * bytesPerSecond stays far below 2^63.
        long added = Math.min(now - lastRefill, NANOS_PER_SECOND) * bytesPerSecond / NANOS_PER_SECOND;
        if (added > 0) {
            tokens = Math.min(bytesPerSecond, tokens + added);
            lastRefill = now;
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
