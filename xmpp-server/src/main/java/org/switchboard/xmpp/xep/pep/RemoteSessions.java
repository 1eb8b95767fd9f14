package org.switchboard.xmpp.xep.pep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.switchboard.xmpp.stanza.Jid;

/**
 * Sessions of contacts on other servers that are available, as their presence to local accounts said (it came over
 * s2s), with the local accounts each told (only accounts whose roster has the contact, {@code PepModule} checks): where a local account's PEP notifications go for a remote contact
 * (XEP-0163 section 4.3.1 counts the contact's available resources, wherever they are). A remote session counts from
 * its available presence to its unavailable one; one whose server goes away without saying so is kept until then,
 * and a notification to it is the remote server's to drop. Bounded: past {@link #MAX_PAIRS} (session, account) pairs
 * further ones are not tracked, and those sessions get no events from those accounts.
 */
final class RemoteSessions {

    static final int MAX_PAIRS = 100_000;

    /** Remote full JID to the local accounts it is available to. */
    private final Map<Jid, Set<Jid>> owners = new HashMap<>();
    /** Remote bare JID to its available full JIDs. */
    private final Map<Jid, Set<Jid>> byBare = new HashMap<>();
    private final int maxPairs;
    private int pairs;

    RemoteSessions() {
        this(MAX_PAIRS);
    }

    RemoteSessions(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    /** The session is available to {@code owner}; true if it was not before (false too when full). */
    synchronized boolean available(Jid session, Jid owner) {
        Set<Jid> told = owners.get(session);
        if (told != null && told.contains(owner) || pairs >= maxPairs) {
            return false;
        }
        owners.computeIfAbsent(session, s -> new HashSet<>()).add(owner);
        byBare.computeIfAbsent(session.bare(), b -> new HashSet<>()).add(session);
        pairs++;
        return true;
    }

    /** The session went unavailable: to all (its server tells each contact; the first one ends it here). */
    synchronized void unavailable(Jid session) {
        Set<Jid> told = owners.remove(session);
        if (told == null) {
            return;
        }
        pairs -= told.size();
        Set<Jid> sessions = byBare.get(session.bare());
        sessions.remove(session);
        if (sessions.isEmpty()) {
            byBare.remove(session.bare());
        }
    }

    synchronized boolean contains(Jid session) {
        return owners.containsKey(session);
    }

    /** The local accounts the session is available to. */
    synchronized Set<Jid> owners(Jid session) {
        return Set.copyOf(owners.getOrDefault(session, Set.of()));
    }

    /** The available sessions of a remote account; none for a local one. */
    synchronized Set<Jid> of(Jid bare) {
        return Set.copyOf(byBare.getOrDefault(bare, Set.of()));
    }
}
