package org.switchboard.host.queue;

import java.util.Collections;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * A command the host accepted: {@code SEND} an SMS to {@code recipients} or {@code DIAL} the first
 * recipient, from the SIM {@code subscriptionId} (absent: the default).
 */
public record QueuedCommand(String id, Kind kind, OptionalInt subscriptionId, List<String> recipients, String body,
                            Instant acceptedAt) {

    public enum Kind { SEND, DIAL }

    public QueuedCommand {
        recipients = Collections.unmodifiableList(new ArrayList<>(recipients));
        body = body == null ? "" : body;
    }

    /** The conversation it belongs to, for FIFO order: its recipient set. */
    public String conversation() {
        return String.join(",", new java.util.TreeSet<>(recipients));
    }
}
