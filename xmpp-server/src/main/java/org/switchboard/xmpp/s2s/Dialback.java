package org.switchboard.xmpp.s2s;

import org.switchboard.xmpp.stanza.XmlWriter;

/** The XEP-0220 elements this server sends, written with their prefix declared on themselves (any stream header will do). */
final class Dialback {

    private Dialback() {
    }

    /** {@code <db:result>} with a key (type null) or with the verdict. */
    static String result(String from, String to, String type, String key) {
        return element("result", from, to, null, type, key);
    }

    /** {@code <db:verify>}: the question (type null, with the key) or its answer. */
    static String verify(String from, String to, String id, String type, String key) {
        return element("verify", from, to, id, type, key);
    }

    private static String element(String name, String from, String to, String id, String type, String key) {
        StringBuilder out = new StringBuilder(160).append("<db:").append(name).append(" xmlns:db='").append(S2sNamespaces.DIALBACK).append('\'');
        attribute(out, "from", from);
        attribute(out, "to", to);
        attribute(out, "id", id);
        attribute(out, "type", type);
        if (key == null) {
            return out.append("/>").toString();
        }
        out.append('>');
        XmlWriter.escape(out, key, false);
        return out.append("</db:").append(name).append('>').toString();
    }

    private static void attribute(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("='");
            XmlWriter.escape(out, value, true);
            out.append('\'');
        }
    }
}
