package org.switchboard.sip.message;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Sinks;

/**
 * One text offered to an account's phones, one MESSAGE per phone in parallel (like the proxy's forking): the
 * first 2xx completes it {@code true}; when every phone has answered otherwise or timed out, {@code false}.
 * Kept as the application data of each client transaction so the answers find it.
 */
final class Outgoing {

    private final Sinks.One<Boolean> outcome = Sinks.one();
    private final AtomicInteger open;

    Outgoing(int branches) {
        this.open = new AtomicInteger(branches);
    }

    Sinks.One<Boolean> outcome() {
        return outcome;
    }

    /** A phone answered with {@code status} (408 for a timeout, 503 for one that could not be sent). */
    void answered(int status) {
        if (status >= 200 && status < 300) {
            outcome.tryEmitValue(true);
        } else if (status >= 300 && open.decrementAndGet() == 0) {
            outcome.tryEmitValue(false);
        }
    }
}
