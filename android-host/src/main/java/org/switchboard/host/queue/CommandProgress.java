package org.switchboard.host.queue;

import java.util.Arrays;
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

    void dispatch(int count) {
        parts = new PartResult.State[count];
    }

    void done(boolean value) {
        done = value;
    }

    /** Applies a part's state; false if it says nothing new (a repeat, or a late 'sent' after 'delivered'). */
    boolean apply(int part, int count, PartResult.State state) {
        if (parts == null || parts.length != count) {
            parts = parts == null ? new PartResult.State[count] : Arrays.copyOf(parts, count);
        }
        PartResult.State before = parts[part];
        if (before == state || before == PartResult.State.DELIVERED || before == PartResult.State.FAILED
                && state == PartResult.State.SENT) {
            return false;
        }
        parts[part] = state;
        if (Arrays.stream(parts).allMatch(s -> s == PartResult.State.DELIVERED || s == PartResult.State.FAILED)) {
            done = true;
        }
        return true;
    }
}
