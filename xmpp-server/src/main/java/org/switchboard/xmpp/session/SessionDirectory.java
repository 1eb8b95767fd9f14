package org.switchboard.xmpp.session;

import java.util.List;
import java.util.Optional;
import org.switchboard.xmpp.stanza.Jid;

/** Read access to the bound client sessions of this server. */
public interface SessionDirectory {

    /** The session of a full JID, or empty. */
    Optional<ClientSession> session(Jid fullJid);

    /** Every session of an account (bare JID), in no particular order. */
    List<ClientSession> sessions(Jid bareJid);

    /** How many sessions are bound in total. */
    int count();
}
