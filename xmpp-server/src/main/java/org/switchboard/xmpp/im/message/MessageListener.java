package org.switchboard.xmpp.im.message;

import java.util.List;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Told what became of a message for a local account once {@link MessageModule} has decided (RFC 6121
 * section 8.5), for extensions that act on the outcome rather than on the stanza: carbons copy it to the
 * resources that did not get it (XEP-0280), push wakes an account that has no session (XEP-0357).
 * Called on the event loop of the stanza's sender: a listener must not block, and its own work must not
 * hold up the sender (start it and return).
 */
public interface MessageListener {

    /**
     * The message was handed to {@code recipients}, the sessions the delivery rules chose; an empty list
     * means no available resource could take it (it is stored offline next, if it is worth storing).
     */
    default void delivered(Stanza message, List<ClientSession> recipients, ModuleContext context) {
    }

    /** The message is committed to offline storage (XEP-0160). */
    default void storedOffline(Stanza message, ModuleContext context) {
    }
}
