package org.switchboard.xmpp.im.delivery;

import java.util.List;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * The last step of routing to a local account (RFC 6121 section 8.5): handing a stanza to chosen sessions.
 * The IM modules decide which sessions; this writes to them directly rather than through the router,
 * because routing to a local full JID would offer the stanza to the modules again.
 */
public final class ResourceDelivery {

    private ResourceDelivery() {
    }

    /** Sessions of the account that have sent available presence ("available resources"). */
    public static List<ClientSession> availableSessions(ModuleContext context, Jid account) {
        return context.sessions().sessions(account.bare()).stream()
                .filter(session -> session.presence().available())
                .toList();
    }

    /** Delivers to every available resource of the account; returns how many got it. */
    public static int toAvailableResources(ModuleContext context, Jid account, Stanza stanza) {
        List<ClientSession> sessions = availableSessions(context, account);
        sessions.forEach(session -> session.deliver(stanza));
        return sessions.size();
    }

    /** Delivers to the session of a full JID; false when that resource is not connected. */
    public static boolean toResource(ModuleContext context, Jid fullJid, Stanza stanza) {
        return context.sessions().session(fullJid).map(session -> {
            session.deliver(stanza);
            return true;
        }).orElse(false);
    }
}
