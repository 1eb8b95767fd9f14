package org.switchboard.host.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.switchboard.host.radio.PartResult;

/**
 * Where an accepted command stands: not yet handed to the radio, or handed over as {@code parts} parts with
 * each part's last known state (null while the radio has said nothing about it).
 */
public final class CommandProgress {

    private final QueuedCommand command;
    private PartResult.State[] parts;
    private boolean done;

    CommandProgress(QueuedCommand command) {
        this.command = command;
    }

    public QueuedCommand command() {
        return command;
    }

    public boolean dispatched() {
        return parts != null;
    }

    public boolean done() {
        return done;
    }

    public int parts() {
        return parts == null ? 0 : parts.length;
    }

    public PartResult.State part(int index) {
        return parts == null || index >= parts.length ? null : parts[index];
    }

    /** Every part was sent or failed: the radio is finished with the message, delivery reports aside. */
    public boolean handedOver() {
        return parts != null && Arrays.stream(parts).allMatch(state -> state != null);
    }

    /** The parts the radio has said nothing about yet (neither sent nor failed nor delivered), in order. */
    public List<Integer> partsWithoutResult() {
        List<Integer> missing = new ArrayList<>();
        for (int part = 0; parts != null && part < parts.length; part++) {
            if (parts[part] == null) {
                missing.add(part);
            }
        }
        return missing;
    }

    void dispatch(int count) {
        parts = new PartResult.State[count];
    }

    void done(boolean value) {
        done = value;
    }

    /**
     * Whether this state says something new about the part: not a repeat, nothing after 'delivered', and no
     * late 'sent' after 'failed'. ('failed' after 'sent' is new: the network may refuse a part it took.)
     */
    boolean changes(int part, PartResult.State state) {
        PartResult.State before = part(part);
        return before != state && before != PartResult.State.DELIVERED
                && !(before == PartResult.State.FAILED && state == PartResult.State.SENT);
    }

    /** Applies a part's state; false if it says nothing new (see {@link #changes}). */
    boolean apply(int part, int count, PartResult.State state) {
        if (parts == null || parts.length != count) {
            parts = parts == null ? new PartResult.State[count] : Arrays.copyOf(parts, count);
        }
        if (!changes(part, state)) {
            return false;
        }
        parts[part] = state;
        if (Arrays.stream(parts).allMatch(s -> s == PartResult.State.DELIVERED || s == PartResult.State.FAILED)) {
            done = true;
        }
        return true;
    }
}
