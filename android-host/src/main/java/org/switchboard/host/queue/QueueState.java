package org.switchboard.host.queue;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.switchboard.host.radio.PartResult;

/**
 * The host queue's state in memory and the records that change it: rebuilt by {@link #replay} at start-up,
 * changed by writing a record to the journal and applying it. Not thread-safe and never waits for the
 * device: {@link HostQueue} holds its lock around every call and waits for the fsync outside it.
 */
final class QueueState {

    private final HostQueue.Limits limits;
    private final Clock clock;
    /** Live commands, in acceptance order (the order they go to the radio). */
    private final LinkedHashMap<String, CommandProgress> commands = new LinkedHashMap<>();
    /**
     * The live commands not yet handed to the radio, in acceptance order: what every dispatch pass and every
     * new command's admission look at. Finished commands stay in {@link #commands} until a compaction, so
     * walking that for these few made each of those calls cost as much as the whole history since.
     */
    private final LinkedHashMap<String, CommandProgress> waiting = new LinkedHashMap<>();
    /** Every remembered command id, live or finished, with when it was accepted, oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
    private final TreeMap<Long, String> outbox = new TreeMap<>();
    private long nextSeq = 1;
    private Journal journal;

    QueueState(HostQueue.Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The journal this state writes to, once it has been replayed from it. */
    void journal(Journal opened) {
        this.journal = opened;
    }

    void replay(byte[] record) {
        try {
            DataInputStream in = Records.reader(record);
            byte type = in.readByte();
            switch (type) {
                case Records.ACCEPTED -> {
                    QueuedCommand command = Records.readAccepted(in);
                    track(new CommandProgress(command));
                    seen.put(command.id(), command.acceptedAt());
                }
                case Records.DISPATCHED -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    if (progress != null) {
                        progress.dispatch(in.readInt());
                        track(progress);
                    }
                }
                case Records.PART -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    int part = in.readInt();
                    int parts = in.readInt();
                    PartResult.State state = PartResult.State.valueOf(in.readUTF());
                    if (progress != null) {
                        progress.apply(part, parts, state);
                        track(progress);
                    }
                }
                case Records.DONE -> {
                    CommandProgress progress = commands.get(in.readUTF());
                    if (progress != null) {
                        progress.done(true);
                        track(progress);
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

    HostQueue.Acceptance accept(QueuedCommand command) throws IOException {
        if (seen.containsKey(command.id())) {
            return HostQueue.Acceptance.DUPLICATE;
        }
        if (pendingCommands() >= limits.maxPendingCommands()) {
            return HostQueue.Acceptance.FULL;
        }
        append(Collections.singletonList(Records.accepted(command)));
        track(new CommandProgress(command));
        seen.put(command.id(), command.acceptedAt());
        compactIfWorthIt(false);
        return HostQueue.Acceptance.ACCEPTED;
    }

    boolean seen(String commandId) {
        return seen.containsKey(commandId);
    }

    /** Commands not yet handed to the radio. */
    int pendingCommands() {
        return waiting.size();
    }

    List<QueuedCommand> undispatched() {
        List<QueuedCommand> list = new ArrayList<>(waiting.size());
        for (CommandProgress progress : waiting.values()) {
            list.add(progress.command());
        }
        return list;
    }

    /** Keeps {@link #commands} and {@link #waiting} in step with a command's progress after it changed. */
    private void track(CommandProgress progress) {
        String id = progress.command().id();
        commands.putIfAbsent(id, progress);
        if (progress.dispatched() || progress.done()) {
            waiting.remove(id);
        } else {
            waiting.putIfAbsent(id, progress);
        }
    }

    List<HostQueue.AwaitingRadio> awaitingRadio() {
        List<HostQueue.AwaitingRadio> list = new ArrayList<>();
        for (CommandProgress progress : commands.values()) {
            if (progress.dispatched() && !progress.done()) {
                List<Integer> missing = progress.partsWithoutResult();
                if (!missing.isEmpty()) {
                    list.add(new HostQueue.AwaitingRadio(progress.command().id(), progress.parts(), missing));
                }
            }
        }
        return list;
    }

    Optional<CommandProgress> command(String id) {
        return Optional.ofNullable(commands.get(id));
    }

    void markDispatched(String id, int parts) throws IOException {
        CommandProgress progress = commands.get(id);
        if (progress == null || progress.dispatched()) {
            return;
        }
        append(Collections.singletonList(Records.dispatched(id, parts)));
        progress.dispatch(parts);
        track(progress);
        compactIfWorthIt(false);
    }

    void markDone(String id) throws IOException {
        CommandProgress progress = commands.get(id);
        if (progress == null || progress.done()) {
            return;
        }
        append(Collections.singletonList(Records.done(id)));
        progress.done(true);
        track(progress);
        compactIfWorthIt(false);
    }

    boolean recordPart(PartResult result, String payload) throws IOException {
        CommandProgress progress = commands.get(result.commandId());
        if (progress != null) {
            if (!progress.changes(result.part(), result.state())) {
                return false;
            }
            long seq = nextSeq;
            append(Arrays.asList(Records.part(result.commandId(), result.part(), result.parts(), result.state()),
                    Records.event(seq, payload)));
            progress.apply(result.part(), result.parts(), result.state());
            track(progress);
            nextSeq++;
            outbox.put(seq, payload);
            compactIfWorthIt(false);
            return true;
        }
        // a command this queue no longer holds (finished and compacted away): report anyway, the gateway dedupes
        enqueue(payload);
        return true;
    }

    long enqueue(String payload) throws IOException {
        long seq = nextSeq;
        append(Collections.singletonList(Records.event(seq, payload)));
        nextSeq++;
        outbox.put(seq, payload);
        compactIfWorthIt(false);
        return seq;
    }

    Optional<HostQueue.Outgoing> firstUnacknowledged() {
        Map.Entry<Long, String> first = outbox.firstEntry();
        return first == null ? Optional.empty() : Optional.of(new HostQueue.Outgoing(first.getKey(), first.getValue()));
    }

    List<HostQueue.Outgoing> unacknowledged(int limit) {
        List<HostQueue.Outgoing> list = new ArrayList<>(Math.min(limit, outbox.size()));
        for (Map.Entry<Long, String> entry : outbox.entrySet()) {
            if (list.size() == limit) {
                break;
            }
            list.add(new HostQueue.Outgoing(entry.getKey(), entry.getValue()));
        }
        return list;
    }

    void acknowledge(long seq) throws IOException {
        if (!outbox.containsKey(seq)) {
            return;
        }
        append(Collections.singletonList(Records.acked(seq)));
        outbox.remove(seq);
        compactIfWorthIt(false);
    }

    void acknowledge(Collection<Long> seqs) throws IOException {
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

    void compactIfWorthIt(boolean atOpen) throws IOException {
        long live = seen.size() + outbox.size() + 2L * commands.size();
        if (journal.records() > 1_000 && journal.records() > 4 * live || atOpen && journal.records() > 2 * live + 100) {
            compact();
        }
    }

    /** Rewrites the journal as the live state, forgetting finished commands and old or excess command ids. */
    void compact() throws IOException {
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
    long journalRecords() {
        return journal.records();
    }
}
