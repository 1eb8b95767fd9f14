package org.switchboard.xmpp.stream;

import java.security.SecureRandom;
import java.util.Base64;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.XmlWriter;

/** The opening and closing tags of a server's stream (RFC 6120 section 4.7). */
public final class StreamHeaders {

    public static final String CLOSE = "</stream:stream>";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamHeaders() {
    }

    /** An unpredictable stream id (RFC 6120 section 4.7.3 asks for at least 128 bits of randomness). */
    public static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @param to the peer's address as it gave it, or null */
    public static String open(String contentNamespace, String from, String to, String id) {
        StringBuilder out = new StringBuilder(256).append("<?xml version='1.0'?><stream:stream xmlns='")
                .append(contentNamespace).append("' xmlns:stream='").append(Namespaces.STREAM).append('\'');
        if (Namespaces.SERVER.equals(contentNamespace)) {
            // XEP-0220 section 2.1: a server stream declares the dialback prefix, or a peer that reads db:* by it
            // (ejabberd) does not see our db:result and db:verify answers on the stream it opened
            out.append(" xmlns:db='jabber:server:dialback'");
        }
        attribute(out, "from", from);
        attribute(out, "to", to);
        attribute(out, "id", id);
        if (!Namespaces.COMPONENT_ACCEPT.equals(contentNamespace)) {
            out.append(" version='1.0' xml:lang='en'");
        }
        return out.append('>').toString();
    }

    private static void attribute(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("='");
            XmlWriter.escape(out, value, true);
            out.append('\'');
        }
    }
}
