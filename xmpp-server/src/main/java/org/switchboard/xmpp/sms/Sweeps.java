package org.switchboard.xmpp.sms;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The gateway's periodic sweep, which nothing may stop: a sweep that fails, throws or hangs past the limit is
 * logged and abandoned, and the next tick sweeps anew. Ticks while a sweep runs are dropped, so sweeps never
 * overlap.
 */
final class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    private Sweeps() {
    }

    /** Runs {@code sweep} every {@code interval} on {@code timer} until disposed. */
    static Disposable every(Duration interval, Duration limit, Scheduler timer, Supplier<Mono<Void>> sweep) {
        return Flux.interval(interval, timer)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(sweep)
                        .timeout(limit, timer)
                        .onErrorResume(e -> {
                            log.warn("SMS gateway sweep failed or took longer than {}; the next one runs in {}", limit, interval, e);
                            return Mono.empty();
                        }), 1)
                .subscribe(null, e -> log.error("SMS gateway sweeps stopped", e));
    }
}
