package org.switchboard.xmpp.xep.csi;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Which stanzas can wait for an inactive client (XEP-0352 section 5 leaves the choice to the server).
 * Only two kinds: a presence update (the newest per sender replaces the older ones) and a message that
 * carries nothing but chat states. Everything else — a body, an encrypted payload, a call, a receipt, any
 * IQ, a subscription request, an error — is what a person or the client needs now.
 */
public final class CsiRules {

    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    /** Processing hints (XEP-0334) and stanza ids (XEP-0359) travel with chat states and do not make them urgent. */
    private static final String HINTS = "urn:xmpp:hints";
    private static final String STANZA_ID = "urn:xmpp:sid:0";

    private CsiRules() {
    }

    /** Available or unavailable presence (not subscriptions, probes or errors): only the latest counts. */
    public static boolean isPresenceUpdate(Stanza stanza) {
        return stanza.isPresence() && (stanza.type() == null || "unavailable".equals(stanza.type()));
    }

    /** A message with a chat state and nothing a person would read or a client must act on. */
    public static boolean isChatStateOnly(Stanza stanza) {
        if (!stanza.isMessage() || stanza.isError()) {
            return false;
        }
        boolean chatState = false;
        for (Element child : stanza.element().elements()) {
            if (CHAT_STATES.equals(child.namespace())) {
                chatState = true;
            } else if (!HINTS.equals(child.namespace()) && !STANZA_ID.equals(child.namespace())) {
                return false;
            }
        }
        return chatState;
    }

    public static boolean canWait(Stanza stanza) {
        return isPresenceUpdate(stanza) || isChatStateOnly(stanza);
    }
}
