package org.switchboard.xmpp.sms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs passes per key (a host), never two for one key at once. A request while a pass runs makes one more
 * pass run after it, so nothing committed meanwhile waits for the next sweep. A pass that fails, throws or
 * hangs past the limit is logged and abandoned: the key is free for the next pass whatever happened, so no
 * failure can leave a host without passes (and its messages stuck while it is online).
 *
 * @param <K> what passes are serialised by
 */
final class SerialPasses<K> {

    private static final Logger log = LoggerFactory.getLogger(SerialPasses.class);

    private final Function<K, Mono<Void>> pass;
    private final Duration limit;
    private final Scheduler timer;
    private final Map<K, AtomicInteger> wanted = new ConcurrentHashMap<>();

    /** @param timer where the limit is timed (a virtual-time scheduler in tests) */
    SerialPasses(Function<K, Mono<Void>> pass, Duration limit, Scheduler timer) {
        this.pass = pass;
        this.limit = limit;
        this.timer = timer;
    }

    /** Runs a pass for the key now, or once more after the one running. Each pass runs on its own subscription. */
    void request(K key) {
        AtomicInteger count = wanted.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.getAndIncrement() == 0) {
            run(key, count, 1);
        }
    }

    private void run(K key, AtomicInteger count, int seen) {
        Mono.defer(() -> pass.apply(key))
                .timeout(limit, timer)
                .onErrorResume(e -> {
                    log.warn("a pass for {} failed or took longer than {}; the next request runs anew", key, limit, e);
                    return Mono.empty();
                })
                .subscribe(null, null, () -> {
                    int left = count.addAndGet(-seen);
                    if (left != 0) {
                        run(key, count, left);
                    }
                });
    }
}
