package org.switchboard.common.db;

import io.r2dbc.spi.R2dbcException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for small writes that arrive together: while a batch's transaction runs, the writes that
 * arrive wait and then go in the next batch, as one transaction. An idle store therefore adds no delay (a
 * lone write is a batch of one at once), and a busy one pays one commit (one WAL flush) for many writes
 * instead of one each — on a disk with 3 ms flushes the difference between a few hundred writes a second and
 * many thousands.
 *
 * <p>Each caller's Mono completes when its batch is committed, so "acknowledged only after it is committed"
 * holds for every write. A batch that fails is tried again one write at a time, so one bad write fails alone
 * and does not take the others with it.
 *
 * <p>Reads that arrive together are batched the same way (the SIP gateway's lockout, HA1 and location
 * lookups): one statement for many, each caller answered its own part.
 *
 * @param <I> a write
 * @param <R> its result; a batch gives one {@link Optional} per write, in order (empty: nothing to report)
 */
public final class GroupCommit<I, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Waiting<I, R>(I item, MonoSink<R> sink) {
    }

    private final String name;
    private final Function<List<I>, Mono<List<Optional<R>>>> batch;
    private final int maxBatch;
    private final int maxRunning;
    private final ArrayDeque<Waiting<I, R>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param name       what is written, for the log
     * @param batch      writes a batch in one transaction and answers one result per write, in order
     * @param maxBatch   the most writes in one transaction
     * @param maxRunning how many batches may run at once (more than one only when batches cannot deadlock)
     */
    public GroupCommit(String name, Function<List<I>, Mono<List<Optional<R>>>> batch, int maxBatch, int maxRunning) {
        if (maxBatch < 1 || maxRunning < 1) {
            throw new IllegalArgumentException("a group commit needs room for one write and one batch");
        }
        this.name = name;
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.maxRunning = maxRunning;
    }

    /** Writes the item with whatever else is waiting; completes with its result once committed. */
    public Mono<R> submit(I item) {
        return submit(item, false);
    }

    /**
     * Like {@link #submit}, for a write that is the last thing its work does in an order others can see:
     * batches run one at a time here, so they commit in the order their items came, and once the item is
     * queued the work's subscriber is told it may go on with its next work ({@link OrderedTail}).
     */
    public Mono<R> submitAsTail(I item) {
        if (maxRunning != 1) {
            throw new IllegalStateException(name + ": batches that run side by side may commit out of order");
        }
        return submit(item, true);
    }

    private Mono<R> submit(I item, boolean tail) {
        return Mono.create(sink -> {
            synchronized (this) {
                waiting.add(new Waiting<>(item, sink));
            }
            if (tail) {
                OrderedTail.reached(sink.contextView());
            }
            drain();
        });
    }

    private void drain() {
        List<Waiting<I, R>> taken;
        synchronized (this) {
            if (running >= maxRunning || waiting.isEmpty()) {
                return;
            }
            running++;
            taken = new ArrayList<>(Math.min(maxBatch, waiting.size()));
            while (taken.size() < maxBatch && !waiting.isEmpty()) {
                taken.add(waiting.poll());
            }
        }
        run(taken).doFinally(signal -> {
            synchronized (this) {
                running--;
            }
            drain();
        }).subscribe(null, e -> log.error("group commit of {} broke down", name, e));
    }

    private Mono<Void> run(List<Waiting<I, R>> taken) {
        List<I> items = taken.stream().map(Waiting::item).toList();
        return Mono.defer(() -> batch.apply(items))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(name + ": a batch answered nothing")))
                .onErrorResume(e -> {
                    if (taken.size() == 1) {
                        taken.get(0).sink().error(e);
                        return Mono.empty();
                    }
                    String rollback = rolledBackByPostgres(e);
                    if (rollback != null) {
                        // a deadlock or a serialization failure: PostgreSQL's doing, not one bad write, and each costs
                        // the writes queued behind it (a deadlock is found only after deadlock_timeout): an operator sees it
                        log.warn("a batch of {} {} was rolled back by PostgreSQL ({}); each is tried alone", taken.size(), name, rollback);
                    } else {
                        log.debug("a batch of {} {} failed; each is tried alone", taken.size(), name, e);
                    }
                    return Flux.fromIterable(taken).concatMap(one -> run(List.of(one))).then(Mono.empty());
                })
                .doOnNext(results -> answer(taken, results))
                // only a batch that committed but answered the wrong number of results gets here: not tried again
                .onErrorResume(e -> {
                    taken.forEach(one -> one.sink().error(e));
                    return Mono.empty();
                })
                .then();
    }

    /** SQLSTATE class 40 (transaction rollback) with its message, or null for any other failure. */
    private static String rolledBackByPostgres(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException failure && failure.getSqlState() != null && failure.getSqlState().startsWith("40")) {
                return "SQLSTATE " + failure.getSqlState() + ": " + failure.getMessage();
            }
        }
        return null;
    }

    private void answer(List<Waiting<I, R>> taken, List<Optional<R>> results) {
        if (results.size() != taken.size()) {
            throw new IllegalStateException(name + ": " + results.size() + " results for " + taken.size() + " writes");
        }
        for (int i = 0; i < taken.size(); i++) {
            Optional<R> result = results.get(i);
            MonoSink<R> sink = taken.get(i).sink();
            if (result.isPresent()) {
                sink.success(result.get());
            } else {
                sink.success();
            }
        }
    }
}
