package org.switchboard.api.push.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a retry later; a seam so that tests see the waits chosen without sleeping through them. */
@FunctionalInterface
public interface RetryScheduler {

    void schedule(Duration delay, Runnable retry);

    static RetryScheduler of(ScheduledExecutorService executor) {
        return (delay, retry) -> executor.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
