package org.switchboard.host.queue;

import java.util.Collections;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.switchboard.host.protocol.MediaRef;

/**
 * A command the host accepted: {@code SEND} an SMS to {@code recipients} (an MMS with several recipients or with
 * {@code media}) or {@code DIAL} the first recipient, from the SIM {@code subscriptionId} (absent: the default).
 */
public record QueuedCommand(String id, Kind kind, OptionalInt subscriptionId, List<String> recipients, String body,
                            Instant acceptedAt, List<MediaRef> media) {

    public enum Kind { SEND, DIAL }

    public QueuedCommand {
        recipients = Collections.unmodifiableList(new ArrayList<>(recipients));
        body = body == null ? "" : body;
        media = media == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(media));
    }

    /** A text or a dial: no media. */
    public QueuedCommand(String id, Kind kind, OptionalInt subscriptionId, List<String> recipients, String body, Instant acceptedAt) {
        this(id, kind, subscriptionId, recipients, body, acceptedAt, Collections.emptyList());
    }

    /** A send that goes out as an MMS: several recipients (a group text) or media. */
    public boolean isMms() {
        return kind == Kind.SEND && (recipients.size() > 1 || !media.isEmpty());
    }

    /** The conversation it belongs to, for FIFO order: its recipient set. */
    public String conversation() {
        return String.join(",", new java.util.TreeSet<>(recipients));
    }
}
