package org.switchboard.xmpp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The periodic sweep keeps going whatever one sweep does: fail, throw, or never end. */
class SweepsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final AtomicInteger sweeps = new AtomicInteger();

    @Test
    void aFailingAThrowingAndAHungSweepAreFollowedByTheNextOnes() {
        Disposable sweeper = Sweeps.every(INTERVAL, LIMIT, time, () -> switch (sweeps.incrementAndGet()) {
            case 1 -> Mono.error(new IllegalStateException("database gone"));
            case 2 -> throw new IllegalStateException("thrown while building the sweep");
            case 3 -> Mono.never();
            default -> Mono.empty();
        });
        try {
            time.advanceTimeBy(INTERVAL.multipliedBy(3));
            assertThat(sweeps).hasValue(3);

            // while the third hangs, ticks are dropped: sweeps never overlap
            time.advanceTimeBy(LIMIT.minusSeconds(1));
            assertThat(sweeps).hasValue(3);

            // abandoned at the limit; the ticks after it sweep again
            time.advanceTimeBy(INTERVAL.multipliedBy(3));
            assertThat(sweeps.get()).isGreaterThanOrEqualTo(5);
        } finally {
            sweeper.dispose();
        }
    }

    @Test
    void disposingStopsTheSweeps() {
        Disposable sweeper = Sweeps.every(INTERVAL, LIMIT, time, () -> Mono.fromRunnable(sweeps::incrementAndGet));
        time.advanceTimeBy(INTERVAL.multipliedBy(2));
        sweeper.dispose();
        time.advanceTimeBy(INTERVAL.multipliedBy(5));
        assertThat(sweeps).hasValue(2);
    }
}
