package org.switchboard.host.sending;

import java.util.function.LongSupplier;

/**
 * A token bucket counted in SMS parts: {@code partsPerMinute} tokens a minute, at most {@code burst} saved
 * up. Android asks the user to confirm once an app sends more than 30 messages in a sliding minute; with a
 * rate r and a burst b at most r + b parts go in any minute, so the defaults (30, 1) stay at that limit and
 * a smaller rate stays below it. A message of n parts takes n tokens at once and may leave the bucket in
 * debt, so a long message is never starved by the burst size; the next one waits the debt off.
 *
 * <p>The clock is injected ({@code nanoTime}-like), so tests run on a fake one. Not thread-safe: one
 * dispatcher thread owns it.
 */
public final class Throttle {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final long nanosPerToken;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public Throttle(int partsPerMinute, int burst, LongSupplier nanoTime) {
        if (partsPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("throttle needs a rate and a burst of at least 1");
        }
        this.nanosPerToken = NANOS_PER_MINUTE / partsPerMinute;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Nanoseconds to wait before a message of {@code parts} parts may go; 0 if it may go now. */
    public long delayFor(int parts) {
        refill();
        if (tokens >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }

    /** Takes the tokens for a message that goes now (call once {@link #delayFor} said 0). */
    public void take(int parts) {
        refill();
        tokens -= parts;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - last) / nanosPerToken);
        last = now;
    }
}
