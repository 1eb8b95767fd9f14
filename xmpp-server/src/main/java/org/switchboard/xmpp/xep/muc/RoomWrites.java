package org.switchboard.xmpp.xep.muc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A room's groupchat messages and subject changes, written and then sent in the order the room took them.
 *
 * <p>Each is queued under the room's lock, when it gets its stanza id, so the queue's order is the room's. One
 * batch per room is written at a time: the archive rows of everything queued while the last batch was written go
 * in one statement (one commit). Committed batches are sent one at a time, in the order they were committed, each
 * message to every occupant ({@link FanOut}); a batch is sent while the next one is written. So nobody sees a message before its
 * row is committed (ADR 0014), every occupant sees the room's messages in the same order as the archive keeps
 * them, and a busy room pays one commit for many messages instead of one each.
 */
final class RoomWrites {

    private static final Logger log = LoggerFactory.getLogger(RoomWrites.class);
    /** Rows in one statement: 7 parameters each, far below PostgreSQL's 65,535. */
    static final int MAX_BATCH = 100;

    /** What one message makes the room write ({@code row} and {@code write} may be null) and then send. */
    record Item(RoomStore.Row row, Mono<Void> write, List<Stanza> out, ModuleContext context, Sinks.One<Void> done) {
    }

    /** A committed batch waiting for its turn to be sent, with what failed to be written (nothing of it is sent). */
    private record Written(List<Item> batch, List<Optional<Throwable>> errors) {
    }

    /** The queues of one room; its monitor guards them. */
    static final class Lane {
        private final ArrayDeque<Item> waiting = new ArrayDeque<>();
        private final ArrayDeque<Written> written = new ArrayDeque<>();
        private boolean running;
        private boolean sending;
    }

    private final RoomStore store;

    RoomWrites(RoomStore store) {
        this.store = store;
    }

    /**
     * Queues what a message writes and sends; call under the room's lock, then {@link #drain} after it. The Mono
     * completes once the write is committed and the stanzas are routed, or fails with the write's error (then
     * nothing was sent).
     */
    static Mono<Void> queue(Room room, RoomStore.Row row, Mono<Void> write, List<Stanza> out, ModuleContext context) {
        Sinks.One<Void> done = Sinks.one();
        synchronized (room.lane) {
            room.lane.waiting.add(new Item(row, write, out, context, done));
        }
        return done.asMono();
    }

    void drain(Room room) {
        Lane lane = room.lane;
        List<Item> batch;
        synchronized (lane) {
            if (lane.running || lane.waiting.isEmpty()) {
                return;
            }
            lane.running = true;
            batch = new ArrayList<>(Math.min(MAX_BATCH, lane.waiting.size()));
            while (batch.size() < MAX_BATCH && !lane.waiting.isEmpty()) {
                batch.add(lane.waiting.poll());
            }
        }
        // One failed write (say the room was destroyed meanwhile) must not take the others with it.
        write(batch).thenReturn(Collections.nCopies(batch.size(), Optional.<Throwable>empty()))
                .onErrorResume(e -> {
                    if (batch.size() == 1) {
                        return Mono.just(List.of(Optional.of(e)));
                    }
                    log.debug("a batch of {} messages of room {} failed; each is tried alone", batch.size(), room.jid, e);
                    return Flux.fromIterable(batch).concatMap(one -> write(List.of(one)).thenReturn(Optional.<Throwable>empty())
                            .onErrorResume(failed -> Mono.just(Optional.of(failed)))).collectList();
                })
                .doOnNext(errors -> {
                    synchronized (lane) {
                        lane.written.add(new Written(batch, errors));
                    }
                })
                .doFinally(signal -> {
                    synchronized (lane) {
                        lane.running = false;
                    }
                    drain(room);
                    sendNext(room);
                })
                .subscribe(null, e -> {
                    log.error("writing the messages of room {} broke down", room.jid, e);
                    batch.forEach(item -> item.done().tryEmitError(e));
                });
    }

    /** Sends the oldest committed batch unless one is being sent; then the next. */
    private void sendNext(Room room) {
        Lane lane = room.lane;
        Written next;
        synchronized (lane) {
            if (lane.sending || lane.written.isEmpty()) {
                return;
            }
            lane.sending = true;
            next = lane.written.poll();
        }
        send(next.batch(), next.errors())
                .doFinally(signal -> {
                    synchronized (lane) {
                        lane.sending = false;
                    }
                    sendNext(room);
                })
                .subscribe(null, e -> log.error("sending the messages of room {} broke down", room.jid, e));
    }

    /** Writes the batch: its rows in one statement, then any other writes in order. */
    private Mono<Void> write(List<Item> batch) {
        List<RoomStore.Row> rows = new ArrayList<>(batch.size());
        List<Mono<Void>> others = new ArrayList<>();
        for (Item item : batch) {
            if (item.row() != null) {
                rows.add(item.row());
            }
            if (item.write() != null) {
                others.add(item.write());
            }
        }
        return store.archive(rows).then(Flux.concat(others).then());
    }

    /** Sends each item's stanzas in order, those whose write failed excepted, and answers each item. */
    private static Mono<Void> send(List<Item> batch, List<Optional<Throwable>> errors) {
        return Flux.range(0, batch.size()).concatMap(i -> {
            Item item = batch.get(i);
            if (errors.get(i).isPresent()) {
                item.done().tryEmitError(errors.get(i).get());
                return Mono.empty();
            }
            return FanOut.send(item.out(), item.context())
                    .doOnSuccess(ignored -> item.done().tryEmitEmpty())
                    .onErrorResume(e -> {
                        item.done().tryEmitError(e);
                        return Mono.empty();
                    });
        }).then();
    }
}
