package org.switchboard.xmpp.im.presence;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;

/** Small presence facts and builders shared by the presence handlers. */
final class Presences {

    private Presences() {
    }

    /** A presence with no payload, e.g. the server's {@code subscribed} answer or an {@code unavailable}. */
    static Stanza of(String type, Jid from, Jid to) {
        return new Stanza(Element.builder("presence", Namespaces.CLIENT)
                .attribute("type", type)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .build());
    }

    /** Available (no type) or unavailable: presence that is broadcast or directed rather than about subscriptions. */
    static boolean isAvailability(Stanza presence) {
        return presence.type() == null || "unavailable".equals(presence.type());
    }

    /** The {@code <priority/>} of a presence (RFC 6121 section 4.7.2.3); 0 when absent or not a valid number. */
    static int priority(Stanza presence) {
        String text = presence.element().childText("priority", Namespaces.CLIENT);
        if (text == null) {
            return 0;
        }
        try {
            int priority = Integer.parseInt(text.trim());
            return Math.max(-128, Math.min(127, priority));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
