package org.switchboard.xmpp.xep.sm;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.session.BoundSession;
import org.switchboard.xmpp.stanza.Jid;

/** The resumable sessions of the server, by resumption id, attached or detached, until they end. */
public final class Resumptions {

    /** One resumable session: whose it is, and its queue. */
    record Resumable(Jid account, BoundSession session, AckedOutput output) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Resumable> byId = new ConcurrentHashMap<>();
    private final Map<BoundSession, String> idBySession = new ConcurrentHashMap<>();

    /** An id nobody can guess: 144 random bits. */
    String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void register(String id, Resumable resumable) {
        byId.put(id, resumable);
        idBySession.put(resumable.session(), id);
    }

    /**
     * The session with this id, if it belongs to {@code account}. Another account's id looks the same as
     * an unknown one, so ids cannot be probed.
     */
    Optional<Resumable> find(String id, Jid account) {
        Resumable found = id == null ? null : byId.get(id);
        return found != null && found.account().equals(account.bare()) ? Optional.of(found) : Optional.empty();
    }

    /** The session has ended and can no longer be resumed. */
    public void forget(BoundSession session) {
        String id = idBySession.remove(session);
        if (id != null) {
            byId.remove(id);
        }
    }

    /** The sessions waiting for their clients to come back, e.g. to end them when the server stops. */
    public List<BoundSession> detached() {
        return byId.values().stream().filter(resumable -> resumable.output().detached()).map(Resumable::session).toList();
    }

    /** How many resumable sessions the server holds (attached or not). */
    public int count() {
        return byId.size();
    }
}
