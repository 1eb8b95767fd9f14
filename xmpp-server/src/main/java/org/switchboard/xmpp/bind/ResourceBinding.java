package org.switchboard.xmpp.bind;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Resource binding (RFC 6120 section 7): a resource the client asks for is taken if it is a valid
 * resourcepart; none, or an empty one, gets a server-generated resource. Which session keeps a resource
 * that is already bound is the session registry's rule (the new one).
 */
public final class ResourceBinding {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ResourceBinding() {
    }

    public static boolean isBindRequest(Stanza stanza) {
        return stanza.isIq() && "set".equals(stanza.type()) && stanza.iqChild() != null
                && stanza.iqChild().is("bind", Namespaces.BIND);
    }

    /** The full JID for the request; throws {@link JidFormatException} for a resource that is not valid. */
    public static Jid fullJid(Stanza request, String localpart, String domain) {
        String requested = request.iqChild().childText("resource", Namespaces.BIND);
        String resource = requested == null || requested.isBlank() ? generated() : requested.trim();
        return Jid.of(localpart, domain, resource);
    }

    public static Stanza result(Stanza request, Jid bound) {
        return new Stanza(Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", "result")
                .attribute("id", request.id())
                .child(Element.builder("bind", Namespaces.BIND).textChild("jid", bound.toString()).build())
                .build());
    }

    static String generated() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "sb-" + HexFormat.of().formatHex(bytes);
    }
}
