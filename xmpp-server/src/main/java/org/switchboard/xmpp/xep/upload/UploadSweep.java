package org.switchboard.xmpp.xep.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Removes what must go: expired files, slots nobody used in time, and every file of a deleted account. The
 * file is deleted before its row, so a crash between the two leaves a row whose file is gone (swept again),
 * never a file nobody knows about.
 */
final class UploadSweep {

    private static final Logger log = LoggerFactory.getLogger(UploadSweep.class);
    private static final int BATCH = 500;

    private final UploadStore store;
    private final UploadFiles files;
    private final Clock clock;

    UploadSweep(UploadStore store, UploadFiles files, Clock clock) {
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    /** After a start: uploads cut off by a crash or stop are reopened and their parts deleted. */
    Mono<Void> recover() {
        return store.reopenInterrupted()
                .then(Mono.fromCallable(() -> {
                    files.deletePartials();
                    return true;
                }).subscribeOn(Schedulers.boundedElastic()))
                .then(now());
    }

    /** One pass, batch after batch until nothing is left. */
    Mono<Void> now() {
        return store.doomed(clock.instant(), BATCH)
                .concatMap(id -> Mono.fromRunnable(() -> deleteFile(id)).subscribeOn(Schedulers.boundedElastic())
                        .then(store.delete(id)).thenReturn(id))
                .count()
                .flatMap(n -> {
                    if (n > 0) {
                        log.debug("Upload sweep removed {} file(s) and slot(s)", n);
                    }
                    return n == BATCH ? now() : Mono.<Void>empty();
                });
    }

    Disposable every(Duration interval) {
        return Flux.interval(interval)
                .onBackpressureDrop()
                .concatMap(tick -> now().onErrorResume(e -> {
                    log.warn("Upload sweep failed", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    private void deleteFile(String id) {
        try {
            files.delete(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete upload " + id, e);
        }
    }
}
