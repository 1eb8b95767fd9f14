package org.switchboard.xmpp.xep.mam;

import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Which messages go into a personal archive (XEP-0313 section 5.1.1, XEP-0334 hints): chat and normal
 * messages with a body or other content a later reader needs (encrypted payloads, receipts, markers,
 * corrections). Not errors, headlines or groupchat (a room keeps its own archive), not chat states alone,
 * not copies the server made of other messages (carbons, archive results), not pubsub notifications, and
 * nothing marked no-store.
 * A {@code <store/>} hint archives a chat or normal message that would otherwise be skipped.
 */
final class ArchivePolicy {

    static final String HINTS = "urn:xmpp:hints";
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String FORWARD = "urn:xmpp:forward:0";
    private static final String DELAY = "urn:xmpp:delay";
    private static final String SID = "urn:xmpp:sid:0";
    /** PEP and pubsub notifications are often type normal; they are state, not conversation. */
    private static final String PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

    /** Children that say something about a message but are not content worth keeping on their own. */
    private static final Set<String> NOT_CONTENT = Set.of(CHAT_STATES, HINTS, SID, DELAY);

    private ArchivePolicy() {
    }

    static boolean worthArchiving(Stanza message) {
        String type = message.type() == null ? "normal" : message.type();
        if (!type.equals("chat") && !type.equals("normal")) {
            return false;
        }
        boolean content = false;
        boolean forced = false;
        for (Element child : message.element().elements()) {
            String namespace = child.namespace();
            if (child.is("no-store", HINTS) || child.is("no-permanent-store", HINTS)) {
                return false;
            }
            if (CARBONS.equals(namespace) || FORWARD.equals(namespace) || namespace.startsWith("urn:xmpp:mam:")) {
                return false;   // a copy of another message; the original was archived where it belonged
            }
            if (PUBSUB_EVENT.equals(namespace)) {
                return false;
            }
            if (child.is("store", HINTS)) {
                forced = true;
            } else if (Namespaces.CLIENT.equals(namespace)) {
                content |= child.name().equals("body") || child.name().equals("subject");
            } else if (!NOT_CONTENT.contains(namespace)) {
                content = true;
            }
        }
        return content || forced;
    }

    /** The body to index for full-text search, or null. */
    static String body(Stanza message) {
        return message.element().childText("body", Namespaces.CLIENT);
    }
}
