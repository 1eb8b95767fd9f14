package org.switchboard.xmpp.xep.bytestreams;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * When an active stream last moved a byte either way, shared by its two {@link Relay}s. A direction waiting out its
 * {@link RelayRate} is not idle: the proxy holds it back, not the client, so no idle timeout runs during the wait.
 */
final class StreamActivity {

    private final LongSupplier nanoTime;
    private volatile long last;
    private final AtomicInteger holding = new AtomicInteger();

    StreamActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
    }

    void moved() {
        last = nanoTime.getAsLong();
    }

    void holdStarted() {
        holding.incrementAndGet();
    }

    void holdEnded() {
        moved();
        holding.decrementAndGet();
    }

    /** True when nothing moved for {@code nanos} and no direction is held back by the rate. */
    boolean idleFor(long nanos) {
        return holding.get() == 0 && nanoTime.getAsLong() - last >= nanos;
    }
}
