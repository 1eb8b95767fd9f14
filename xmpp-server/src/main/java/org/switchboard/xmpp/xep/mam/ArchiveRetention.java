package org.switchboard.xmpp.xep.mam;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes archive entries older than the retention period ({@code SWITCHBOARD_MAM_RETENTION_DAYS}), shortly
 * after start-up and then every hour, a bounded number of rows per statement so a first purge of a large
 * archive does not hold one long transaction.
 */
final class ArchiveRetention {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofHours(1);
    private static final int ROWS_PER_STATEMENT = 10_000;

    private final Duration keep;
    private final Clock clock;
    private Disposable running;

    ArchiveRetention(Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive");
        }
        this.keep = keep;
        this.clock = clock;
    }

    synchronized void start(ArchiveStore store) {
        stop();
        running = Flux.interval(FIRST, EVERY)
                .concatMap(tick -> purge(store)
                        .onErrorResume(e -> {
                            log.warn("Purging expired archive entries failed; trying again in {}", EVERY, e);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /** One purge now; completes with how many entries were deleted. */
    Mono<Long> purge(ArchiveStore store) {
        return store.purgeBefore(clock.instant().minus(keep), ROWS_PER_STATEMENT)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Deleted {} archived messages older than {} days", deleted, keep.toDays());
                    }
                });
    }

    synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }
}
