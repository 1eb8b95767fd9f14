package org.switchboard.xmpp.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.xmpp.stanza.Jid;

/** The bound client sessions of this server: bare JID → resource → session. */
public final class SessionRegistry implements SessionDirectory {

    private final Map<Jid, Map<String, ClientSession>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Registers a session under its full JID. Returns the session it replaced, if any: the caller ends
     * that one with a {@code conflict} stream error (RFC 6120 section 7.7.2.2, the newest session wins).
     */
    public Optional<ClientSession> bind(ClientSession session) {
        Jid jid = session.jid();
        ClientSession replaced = byAccount.computeIfAbsent(jid.bare(), key -> new ConcurrentHashMap<>())
                .put(jid.resource(), session);
        if (replaced == null) {
            count.incrementAndGet();
        }
        return Optional.ofNullable(replaced);
    }

    /** Removes the session if it is still the one bound to its JID; true if it was. */
    public boolean unbind(ClientSession session) {
        Jid jid = session.jid();
        boolean[] removed = {false};
        byAccount.computeIfPresent(jid.bare(), (bare, resources) -> {
            removed[0] = resources.remove(jid.resource(), session);
            return resources.isEmpty() ? null : resources;
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
        return removed[0];
    }

    @Override
    public Optional<ClientSession> session(Jid fullJid) {
        if (fullJid.resource() == null) {
            return Optional.empty();
        }
        Map<String, ClientSession> resources = byAccount.get(fullJid.bare());
        return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(fullJid.resource()));
    }

    @Override
    public List<ClientSession> sessions(Jid bareJid) {
        Map<String, ClientSession> resources = byAccount.get(bareJid.bare());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public int count() {
        return count.get();
    }
}
