package org.switchboard.sip.limits;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests wait for the database to authenticate them, bounded ({@code SWITCHBOARD_SIP_MAX_PENDING}).
 * Past the bound a request is answered {@code 503} with {@code Retry-After} at once: without it, a load above
 * what the database answers queues without end, phones retransmit, and every request, old and new, times out
 * (bench/sip at five times the registrar's rate). With it the requests taken stay fast and the rest are told
 * when to come back (RFC 3261 section 21.5.4).
 */
public final class Backlog {

    private final int max;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /** @param max requests that may wait at once; 0 means no bound */
    public Backlog(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_MAX_PENDING cannot be negative");
        }
        this.max = max;
    }

    /** Takes a place; false when all are taken (then nothing is to be given back). */
    public boolean tryEnter() {
        if (max == 0) {
            pending.incrementAndGet();
            return true;
        }
        while (true) {
            int now = pending.get();
            if (now >= max) {
                refused.incrementAndGet();
                return false;
            }
            if (pending.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Requests refused so far because every place was taken. */
    public long refused() {
        return refused.get();
    }

    /** Gives back a place taken by {@link #tryEnter}. */
    public void leave() {
        pending.decrementAndGet();
    }
}
