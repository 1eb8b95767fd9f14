package org.switchboard.host.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.host.radio.PartResult;

/**
 * The host's durable state on top of a {@link Journal}: every method that changes something returns only
 * after the change is on the device, and every method that reads returns only what is on the device.
 * Thread-safe; one instance per directory and process. The state changes under the lock, the fsync happens
 * outside it, so changes made by several threads at once share one fsync.
 */
public final class HostQueue implements Closeable {

    public enum Acceptance { ACCEPTED, DUPLICATE, FULL }

    /** A command handed to the radio with parts it has not yet reported on: its id, part count and those parts. */
    public record AwaitingRadio(String commandId, int parts, List<Integer> partsWithoutResult) {
    }

    /** A report or event waiting for the gateway's {@code result}: its order and its payload element. */
    public record Outgoing(long seq, String payload) {
    }

    /**
     * How many accepted commands may wait for the radio before new ones are refused, and how many command
     * ids for how long are remembered to answer repeats without running them twice.
     */
    public record Limits(int maxPendingCommands, int seenIds, Duration seenFor) {
        public static final Limits DEFAULT = new Limits(1_000, 10_000, Duration.ofDays(7));
    }

    private final Journal journal;
    private final QueueState state;

    private HostQueue(Path dir, Limits limits, Clock clock) throws IOException {
        this.state = new QueueState(limits, clock);
        this.journal = Journal.open(dir, state::replay);
        synchronized (this) {
            state.journal(journal);
            state.compactIfWorthIt(true);
        }
    }

    public static HostQueue open(Path dir) throws IOException {
        return open(dir, Limits.DEFAULT, Clock.systemUTC());
    }

    public static HostQueue open(Path dir, Limits limits, Clock clock) throws IOException {
        return new HostQueue(dir, limits, clock);
    }

    /**
     * Stores a command the gateway sent. {@code DUPLICATE} if its id was seen before (answer {@code result},
     * do not run it again), {@code FULL} if too many commands wait already.
     */
    public Acceptance accept(QueuedCommand command) throws IOException {
        Acceptance result;
        synchronized (this) {
            result = state.accept(command);
        }
        syncAll();
        return result;
    }

    /** What a change answered, and the write to wait for before anyone is told. */
    public record Written<T>(T value, long ticket) {
    }

    /**
     * {@link #accept} without waiting for the device: the command is written in arrival order, and its answer
     * may go to the gateway only once {@link #awaitDurable} with the ticket returned. So the next commands can
     * be written while this one's fsync runs, and one fsync covers them all.
     */
    public Written<Acceptance> acceptLater(QueuedCommand command) throws IOException {
        synchronized (this) {
            Acceptance acceptance = state.accept(command);
            return new Written<>(acceptance, journal.written());
        }
    }

    /** Returns once the write with this ticket, and everything before it, is on the device. */
    public void awaitDurable(long ticket) throws IOException {
        journal.sync(ticket);
    }

    /**
     * {@link #seen} without waiting for the device: an answer based on it (a repeat is answered {@code result})
     * may go only after {@link #awaitDurable} with the ticket, since the earlier copy's acceptance may still be
     * on its way to the device. Reading with a sync each made every command wait for one fsync before it was
     * even written, so commands could not share fsyncs.
     */
    public Written<Boolean> seenLater(String commandId) {
        synchronized (this) {
            return new Written<>(state.seen(commandId), journal.written());
        }
    }

    public boolean seen(String commandId) {
        boolean result;
        synchronized (this) {
            result = state.seen(commandId);
        }
        syncAllUnchecked();
        return result;
    }

    /** Commands not yet handed to the radio. */
    public synchronized int pendingCommands() {
        return state.pendingCommands();
    }

    /** Commands not yet handed to the radio, in acceptance order. */
    public List<QueuedCommand> undispatched() {
        List<QueuedCommand> result;
        synchronized (this) {
            result = state.undispatched();
        }
        syncAllUnchecked();
        return result;
    }

    /**
     * Commands handed to the radio (or about to be, when the process died) that have parts without any result,
     * in acceptance order.
     */
    public List<AwaitingRadio> awaitingRadio() {
        List<AwaitingRadio> result;
        synchronized (this) {
            result = state.awaitingRadio();
        }
        syncAllUnchecked();
        return result;
    }

    public Optional<CommandProgress> command(String id) {
        Optional<CommandProgress> result;
        synchronized (this) {
            result = state.command(id);
        }
        syncAllUnchecked();
        return result;
    }

    /**
     * Records that a command goes to the radio now as {@code parts} parts. Written (and synced) before the
     * radio is called and never undone, so a command is handed to the radio at most once whatever crashes:
     * SMS are not idempotent, and a process killed between this record and the radio's answer cannot know
     * whether the text left. Such a command is not dropped silently either: its parts stay without a result,
     * {@link #awaitingRadio} lists them, and the core reports them {@code failed} with the outcome unknown
     * once the radio has stayed silent too long.
     */
    public void markDispatched(String id, int parts) throws IOException {
        synchronized (this) {
            state.markDispatched(id, parts);
        }
        syncAll();
    }

    /**
     * {@link #markDispatched} for several commands with one sync: they go to the radio together, each still
     * at most once. {@code partsById} in the order they are handed over.
     */
    public void markDispatched(Map<String, Integer> partsById) throws IOException {
        synchronized (this) {
            for (Map.Entry<String, Integer> command : partsById.entrySet()) {
                state.markDispatched(command.getKey(), command.getValue());
            }
        }
        syncAll();
    }

    /**
     * {@link #undispatched} as written, durable or not, for a caller that acts on a command only after a
     * change of its own that syncs ({@link #markDispatched} makes everything written before it durable).
     */
    public List<QueuedCommand> undispatchedAsWritten() {
        synchronized (this) {
            return state.undispatched();
        }
    }

    /** {@link #command} as written, durable or not, under the same condition as {@link #undispatchedAsWritten}. */
    public Optional<CommandProgress> commandAsWritten(String id) {
        synchronized (this) {
            return state.command(id);
        }
    }

    /** Records that a command needs nothing more (a dial placed, a send refused by the radio at once). */
    public void markDone(String id) throws IOException {
        synchronized (this) {
            state.markDone(id);
        }
        syncAll();
    }

    /**
     * Records a part's result and, if it says something new, queues {@code payload} (its report) for the
     * gateway in the same sync. Returns whether it was new; repeats from the radio are dropped here.
     */
    public boolean recordPart(PartResult result, String payload) throws IOException {
        boolean changed;
        synchronized (this) {
            changed = state.recordPart(result, payload);
        }
        syncAll();
        return changed;
    }

    /**
     * {@link #recordPart} without waiting for the device. The report it queues goes to the gateway only once
     * durable, since {@link #unacknowledged} syncs before it reads; the radio's results, which arrive one after
     * another, then share fsyncs instead of waiting for one each. A process killed before the sync loses
     * nothing (the write is in the system's hands); a phone that loses power may lose the result, and the part
     * then ends as one without a result (reported failed with the outcome unknown).
     */
    public boolean recordPartLater(PartResult result, String payload) throws IOException {
        synchronized (this) {
            return state.recordPart(result, payload);
        }
    }

    /** Queues a report or event for the gateway; durable when this returns. Returns its sequence number. */
    public long enqueue(String payload) throws IOException {
        long result;
        synchronized (this) {
            result = state.enqueue(payload);
        }
        syncAll();
        return result;
    }

    /** The oldest report or event the gateway has not acknowledged. */
    public Optional<Outgoing> firstUnacknowledged() {
        Optional<Outgoing> result;
        synchronized (this) {
            result = state.firstUnacknowledged();
        }
        syncAllUnchecked();
        return result;
    }

    /** Every report or event the gateway has not acknowledged, oldest first. */
    public List<Outgoing> unacknowledged() {
        return unacknowledged(Integer.MAX_VALUE);
    }

    /**
     * The oldest reports or events the gateway has not acknowledged, at most {@code limit}: what one step of a
     * sender looks at. Copying the whole queue for each step made a backlog's every answer cost as much as the
     * backlog (bench/sms: two thirds of the host's CPU with thousands of reports queued).
     */
    public List<Outgoing> unacknowledged(int limit) {
        List<Outgoing> result;
        synchronized (this) {
            result = state.unacknowledged(limit);
        }
        syncAllUnchecked();
        return result;
    }

    /** The gateway committed it (or refused it for good): forget it. */
    public void acknowledge(long seq) throws IOException {
        synchronized (this) {
            state.acknowledge(seq);
        }
        syncAll();
    }

    /**
     * The gateway committed all of these (or refused them for good): forget them, with one sync for all
     * (the answers to a batch of reports arrive together).
     */
    public void acknowledge(Collection<Long> seqs) throws IOException {
        synchronized (this) {
            state.acknowledge(seqs);
        }
        syncAll();
    }

    /**
     * Waits until everything written so far is on the device. Mutators call it after leaving the lock, so
     * other threads write meanwhile and one fsync covers them all; readers call it too, so nobody acts on
     * (answers, reports, hands to the radio) a change that is not yet durable.
     */
    private void syncAll() throws IOException {
        journal.sync(journal.written());
    }

    private void syncAllUnchecked() {
        try {
            syncAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the journal as the live state, forgetting finished commands and old or excess command ids. */
    public synchronized void compact() throws IOException {
        state.compact();
    }

    /** How many records the journal file holds now (for tests of compaction). */
    public synchronized long journalRecords() {
        return state.journalRecords();
    }

    @Override
    public synchronized void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
