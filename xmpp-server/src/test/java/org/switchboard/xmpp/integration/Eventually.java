package org.switchboard.xmpp.integration;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the server does on its own time (noticing a closed socket, a timeout passing). */
final class Eventually {

    private Eventually() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + limit);
            }
            Thread.sleep(20);
        }
    }
}
