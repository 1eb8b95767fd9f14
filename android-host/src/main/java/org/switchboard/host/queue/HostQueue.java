package org.switchboard.host.queue;

import java.util.Collection;
import java.util.Collections;
import java.util.Arrays;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    private final Limits limits;
    private final Clock clock;
    /** Live commands, in acceptance order (the order they go to the radio). */
    private final LinkedHashMap<String, CommandProgress> commands = new LinkedHashMap<>();
    /** Every remembered command id, live or finished, with when it was accepted, oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
    private final TreeMap<Long, String> outbox = new TreeMap<>();
    private long nextSeq = 1;

    private HostQueue(Path dir, Limits limits, Clock clock) throws IOException {
        this.limits = limits;
        this.clock = clock;
        this.journal = Journal.open(dir, this::replay);
        compactIfWorthIt(true);
    }

    public static HostQueue open(Path dir) throws IOException {
        return open(dir, Limits.DEFAULT, Clock.systemUTC());
    }

    public static HostQueue open(Path dir, Limits limits, Clock clock) throws IOException {
        return new HostQueue(dir, limits, clock);
    }

    private void replay(byte[] record) {
        try {
            DataInputStream in = Records.reader(record);
            byte type = in.readByte();
            switch (type) {
                case Records.ACCEPTED -> {
                    QueuedCommand command = Records.readAccepted(in);
                    commands.put(command.id(), new CommandProgress(command));
                    seen.put(command.id(), command.acceptedAt());
                }
                case Records.DISPATCHED -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    if (progress != null) {
                        progress.dispatch(in.readInt());
                    }
                }
                case Records.PART -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    int part = in.readInt();
                    int parts = in.readInt();
                    PartResult.State state = PartResult.State.valueOf(in.readUTF());
                    if (progress != null) {
                        progress.apply(part, parts, state);
                    }
                }
                case Records.DONE -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    if (progress != null) {
                        progress.done(true);
                    }
                }
                case Records.EVENT -> {
                    long seq = in.readLong();
                    outbox.put(seq, Records.readLong(in));
                    nextSeq = Math.max(nextSeq, seq + 1);
                }
                case Records.ACKED -> outbox.remove(in.readLong());
                case Records.SEEN -> seen.put(in.readUTF(), Instant.ofEpochMilli(in.readLong()));
                default -> throw new IOException("unknown journal record type " + type);
            }
        } catch (IOException | RuntimeException e) {
            // the checksum held, so this is not a torn write but a record this code cannot read
            throw new IllegalStateException("unreadable journal record", e);
        }
    }

    /**
     * Stores a command the gateway sent. {@code DUPLICATE} if its id was seen before (answer {@code result},
     * do not run it again), {@code FULL} if too many commands wait already.
     */
    public Acceptance accept(QueuedCommand command) throws IOException {
        Acceptance result = acceptLocked(command);
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
            Acceptance acceptance = acceptLocked(command);
            return new Written<>(acceptance, journal.written());
        }
    }

    /** Returns once the write with this ticket, and everything before it, is on the device. */
    public void awaitDurable(long ticket) throws IOException {
        journal.sync(ticket);
    }

    private synchronized Acceptance acceptLocked(QueuedCommand command) throws IOException {
        if (seen.containsKey(command.id())) {
            return Acceptance.DUPLICATE;
        }
        if (pendingCommands() >= limits.maxPendingCommands()) {
            return Acceptance.FULL;
        }
        append(Collections.singletonList(Records.accepted(command)));
        commands.put(command.id(), new CommandProgress(command));
        seen.put(command.id(), command.acceptedAt());
        compactIfWorthIt(false);
        return Acceptance.ACCEPTED;
    }

    public boolean seen(String commandId) {
        boolean result = seenLocked(commandId);
        syncAllUnchecked();
        return result;
    }

    private synchronized boolean seenLocked(String commandId) {
        return seen.containsKey(commandId);
    }

    /** Commands not yet handed to the radio. */
    public synchronized int pendingCommands() {
        int pending = 0;
        for (CommandProgress progress : commands.values()) {
            if (!progress.dispatched() && !progress.done()) {
                pending++;
            }
        }
        return pending;
    }

    /** Commands not yet handed to the radio, in acceptance order. */
    public List<QueuedCommand> undispatched() {
        List<QueuedCommand> result = undispatchedLocked();
        syncAllUnchecked();
        return result;
    }

    private synchronized List<QueuedCommand> undispatchedLocked() {
        List<QueuedCommand> list = new ArrayList<>();
        for (CommandProgress progress : commands.values()) {
            if (!progress.dispatched() && !progress.done()) {
                list.add(progress.command());
            }
        }
        return list;
    }

    /**
     * Commands handed to the radio (or about to be, when the process died) that have parts without any result,
     * in acceptance order.
     */
    public List<AwaitingRadio> awaitingRadio() {
        List<AwaitingRadio> result = awaitingRadioLocked();
        syncAllUnchecked();
        return result;
    }

    private synchronized List<AwaitingRadio> awaitingRadioLocked() {
        List<AwaitingRadio> list = new ArrayList<>();
        for (CommandProgress progress : commands.values()) {
            if (progress.dispatched() && !progress.done()) {
                List<Integer> missing = progress.partsWithoutResult();
                if (!missing.isEmpty()) {
                    list.add(new AwaitingRadio(progress.command().id(), progress.parts(), missing));
                }
            }
        }
        return list;
    }

    public Optional<CommandProgress> command(String id) {
        Optional<CommandProgress> result = commandLocked(id);
        syncAllUnchecked();
        return result;
    }

    private synchronized Optional<CommandProgress> commandLocked(String id) {
        return Optional.ofNullable(commands.get(id));
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
        markDispatchedLocked(id, parts);
        syncAll();
    }

    private synchronized void markDispatchedLocked(String id, int parts) throws IOException {
        CommandProgress progress = commands.get(id);
        if (progress == null || progress.dispatched()) {
            return;
        }
        append(Collections.singletonList(Records.dispatched(id, parts)));
        progress.dispatch(parts);
        compactIfWorthIt(false);
    }

    /** Records that a command needs nothing more (a dial placed, a send refused by the radio at once). */
    public void markDone(String id) throws IOException {
        markDoneLocked(id);
        syncAll();
    }

    private synchronized void markDoneLocked(String id) throws IOException {
        CommandProgress progress = commands.get(id);
        if (progress == null || progress.done()) {
            return;
        }
        append(Collections.singletonList(Records.done(id)));
        progress.done(true);
        compactIfWorthIt(false);
    }

    /**
     * Records a part's result and, if it says something new, queues {@code payload} (its report) for the
     * gateway in the same sync. Returns whether it was new; repeats from the radio are dropped here.
     */
    public boolean recordPart(PartResult result, String payload) throws IOException {
        boolean changed = recordPartLocked(result, payload);
        syncAll();
        return changed;
    }

    private synchronized boolean recordPartLocked(PartResult result, String payload) throws IOException {
        CommandProgress progress = commands.get(result.commandId());
        if (progress != null) {
            if (!progress.changes(result.part(), result.state())) {
                return false;
            }
            long seq = nextSeq;
            append(Arrays.asList(Records.part(result.commandId(), result.part(), result.parts(), result.state()),
                    Records.event(seq, payload)));
            progress.apply(result.part(), result.parts(), result.state());
            nextSeq++;
            outbox.put(seq, payload);
            compactIfWorthIt(false);
            return true;
        }
        // a command this queue no longer holds (finished and compacted away): report anyway, the gateway dedupes
        enqueueLocked(payload);
        return true;
    }

    /** Queues a report or event for the gateway; durable when this returns. Returns its sequence number. */
    public long enqueue(String payload) throws IOException {
        long result = enqueueLocked(payload);
        syncAll();
        return result;
    }

    private synchronized long enqueueLocked(String payload) throws IOException {
        long seq = nextSeq;
        append(Collections.singletonList(Records.event(seq, payload)));
        nextSeq++;
        outbox.put(seq, payload);
        compactIfWorthIt(false);
        return seq;
    }

    /** The oldest report or event the gateway has not acknowledged. */
    public Optional<Outgoing> firstUnacknowledged() {
        Optional<Outgoing> result = firstUnacknowledgedLocked();
        syncAllUnchecked();
        return result;
    }

    private synchronized Optional<Outgoing> firstUnacknowledgedLocked() {
        Map.Entry<Long, String> first = outbox.firstEntry();
        return first == null ? Optional.empty() : Optional.of(new Outgoing(first.getKey(), first.getValue()));
    }

    /** Every report or event the gateway has not acknowledged, oldest first. */
    public List<Outgoing> unacknowledged() {
        List<Outgoing> result = unacknowledgedLocked();
        syncAllUnchecked();
        return result;
    }

    private synchronized List<Outgoing> unacknowledgedLocked() {
        List<Outgoing> list = new ArrayList<>();
        outbox.forEach((seq, payload) -> list.add(new Outgoing(seq, payload)));
        return list;
    }

    /** The gateway committed it (or refused it for good): forget it. */
    public void acknowledge(long seq) throws IOException {
        acknowledgeLocked(seq);
        syncAll();
    }

    private synchronized void acknowledgeLocked(long seq) throws IOException {
        if (!outbox.containsKey(seq)) {
            return;
        }
        append(Collections.singletonList(Records.acked(seq)));
        outbox.remove(seq);
        compactIfWorthIt(false);
    }

    /**
     * The gateway committed all of these (or refused them for good): forget them, with one sync for all
     * (the answers to a batch of reports arrive together).
     */
    public void acknowledge(Collection<Long> seqs) throws IOException {
        acknowledgeLocked(seqs);
        syncAll();
    }

    private synchronized void acknowledgeLocked(Collection<Long> seqs) throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (long seq : seqs) {
            if (outbox.containsKey(seq)) {
                records.add(Records.acked(seq));
            }
        }
        if (records.isEmpty()) {
            return;
        }
        append(records);
        seqs.forEach(outbox::remove);
        compactIfWorthIt(false);
    }

    /**
     * Writes records to the journal. Compaction is not done here: it rewrites the journal from the state in
     * memory, so it must only run after the caller has applied what it wrote (otherwise the record just
     * written would be dropped by the rewrite) — each mutator calls {@link #compactIfWorthIt} last.
     */
    private void append(List<byte[]> records) throws IOException {
        journal.write(records);
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

    private void compactIfWorthIt(boolean atOpen) throws IOException {
        long live = seen.size() + outbox.size() + 2L * commands.size();
        if (journal.records() > 1_000 && journal.records() > 4 * live || atOpen && journal.records() > 2 * live + 100) {
            compact();
        }
    }

    /** Rewrites the journal as the live state, forgetting finished commands and old or excess command ids. */
    public synchronized void compact() throws IOException {
        Instant horizon = clock.instant().minus(limits.seenFor());
        int excess = seen.size() - limits.seenIds();
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> entry = it.next();
            CommandProgress progress = commands.get(entry.getKey());
            // only a command not yet handed to the radio is kept however old; one handed over whose delivery
            // reports never come (many networks send none) is forgotten like a finished one, and a report
            // arriving after that still goes to the gateway (see recordPart)
            boolean waiting = progress != null && !progress.dispatched() && !progress.done();
            if (!waiting && (excess > 0 || entry.getValue().isBefore(horizon))) {
                it.remove();
                commands.remove(entry.getKey());
                excess--;
            }
        }
        commands.values().removeIf(CommandProgress::done);
        List<byte[]> records = new ArrayList<>();
        seen.forEach((id, at) -> {
            if (!commands.containsKey(id)) {
                records.add(Records.seen(id, at));
            }
        });
        for (CommandProgress progress : commands.values()) {
            records.add(Records.accepted(progress.command()));
            if (progress.dispatched()) {
                records.add(Records.dispatched(progress.command().id(), progress.parts()));
                for (int part = 0; part < progress.parts(); part++) {
                    PartResult.State state = progress.part(part);
                    if (state != null) {
                        records.add(Records.part(progress.command().id(), part, progress.parts(), state));
                    }
                }
            }
        }
        outbox.forEach((seq, payload) -> records.add(Records.event(seq, payload)));
        journal.rewrite(records);
    }

    /** How many records the journal file holds now (for tests of compaction). */
    public synchronized long journalRecords() {
        return journal.records();
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
