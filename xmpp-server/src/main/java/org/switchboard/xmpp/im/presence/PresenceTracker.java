package org.switchboard.xmpp.im.presence;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * What the server remembers about each session's presence while it is connected: the last available
 * presence it broadcast (answered to probes, RFC 6121 section 4.3.2) and to whom it sent directed
 * presence (told when it goes unavailable, section 4.6.3). Kept in memory; it ends with the session.
 */
public final class PresenceTracker {

    private final Map<Jid, Stanza> lastAvailable = new ConcurrentHashMap<>();
    private final Map<Jid, Set<Jid>> directedTo = new ConcurrentHashMap<>();

    /** Records the session's broadcast presence; true if the session was not available before (initial presence). */
    boolean available(Jid session, Stanza presence) {
        return lastAvailable.put(session, presence) == null;
    }

    /** The session went unavailable; true if it had been available. */
    boolean unavailable(Jid session) {
        return lastAvailable.remove(session) != null;
    }

    Optional<Stanza> lastAvailable(Jid session) {
        return Optional.ofNullable(lastAvailable.get(session));
    }

    boolean isAvailable(Jid session) {
        return lastAvailable.containsKey(session);
    }

    void directedAvailable(Jid session, Jid recipient) {
        directedTo.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(recipient);
    }

    void directedUnavailable(Jid session, Jid recipient) {
        Set<Jid> recipients = directedTo.get(session);
        if (recipients != null) {
            recipients.remove(recipient);
        }
    }

    /** Forgets and returns whom the session sent directed presence to. */
    Set<Jid> takeDirected(Jid session) {
        Set<Jid> recipients = directedTo.remove(session);
        return recipients == null ? Set.of() : Set.copyOf(recipients);
    }
}
