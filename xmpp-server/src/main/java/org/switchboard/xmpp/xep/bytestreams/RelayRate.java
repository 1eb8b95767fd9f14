package org.switchboard.xmpp.xep.bytestreams;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One direction of a stream held to {@code bytesPerSecond}: a token bucket holding at most one second's worth,
 * taken from by every relayed read. A direction in debt is not read from until the debt is paid, so a fast sender
 * waits in TCP flow control rather than in the proxy's memory. Used on one channel's event loop only.
 */
final class RelayRate {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    /** @param bytesPerSecond 0 for no limit */
    RelayRate(long bytesPerSecond, LongSupplier nanoTime) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.tokens = bytesPerSecond;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes {@code bytes} just relayed; returns how many nanoseconds to wait before the next read (0: read now). */
    long take(int bytes) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(bytesPerSecond, tokens + (now - refilledAt) * (double) bytesPerSecond / SECOND);
        refilledAt = now;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * SECOND / bytesPerSecond);
    }
}
