package org.switchboard.xmpp.routing;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Hands stanzas to local sessions following RFC 6121 section 8.5.2 for bare JIDs: a chat or normal
 * message goes to the available sessions of highest non-negative priority, a headline to every available
 * session of non-negative priority, a presence to every available session. The IM modules refine this
 * (carbons, offline storage) by handling stanzas at {@code Flow.INBOUND} before it runs.
 */
public final class LocalDelivery {

    private final SessionDirectory sessions;

    public LocalDelivery(SessionDirectory sessions) {
        this.sessions = sessions;
    }

    /** Delivers to the session of a full JID; false if there is none. */
    public boolean toFullJid(Stanza stanza, Jid to) {
        return sessions.session(to).map(session -> {
            session.deliver(stanza);
            return true;
        }).orElse(false);
    }

    /** Delivers to the account's eligible sessions and returns them (empty: nobody to receive it). */
    public List<ClientSession> toBareJid(Stanza stanza, Jid bare) {
        List<ClientSession> recipients = recipients(stanza, sessions.sessions(bare));
        recipients.forEach(session -> session.deliver(stanza));
        return recipients;
    }

    static List<ClientSession> recipients(Stanza stanza, List<ClientSession> all) {
        List<ClientSession> available = new ArrayList<>();
        for (ClientSession session : all) {
            if (session.presence().available() && (stanza.isPresence() || session.presence().priority() >= 0)) {
                available.add(session);
            }
        }
        if (stanza.isPresence() || "headline".equals(stanza.type()) || available.isEmpty()) {
            return available;
        }
        int highest = available.stream().mapToInt(s -> s.presence().priority()).max().orElse(0);
        available.removeIf(session -> session.presence().priority() != highest);
        return available;
    }

    public boolean isLocalSession(Jid fullJid) {
        return sessions.session(fullJid).isPresent();
    }
}
