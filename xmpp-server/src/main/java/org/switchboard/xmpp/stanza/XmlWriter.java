package org.switchboard.xmpp.stanza;

/**
 * Serializes elements. A namespace is declared only where it differs from the parent's, so a stanza
 * written inside a {@code jabber:client} stream carries no {@code xmlns}. Characters XML 1.0 cannot carry
 * are replaced by U+FFFD rather than producing a stream the peer must reject.
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    /**
     * @param inheritedNamespace the namespace in scope where the element is written (a stream's content
     *                           namespace), or null to always declare it
     */
    public static String toXml(Element element, String inheritedNamespace) {
        StringBuilder out = new StringBuilder(128);
        write(out, element, inheritedNamespace);
        return out.toString();
    }

    public static void write(StringBuilder out, Element element, String inheritedNamespace) {
        out.append('<').append(element.name());
        if (!element.namespace().equals(inheritedNamespace)) {
            out.append(" xmlns='");
            escape(out, element.namespace(), true);
            out.append('\'');
        }
        element.attributes().forEach((name, value) -> {
            out.append(' ').append(name).append("='");
            escape(out, value, true);
            out.append('\'');
        });
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                write(out, e, element.namespace());
            } else if (child instanceof Text text) {
                escape(out, text.value(), false);
            }
        }
        out.append("</").append(element.name()).append('>');
    }

    /** Escapes text or an attribute value (which also needs quotes and whitespace kept as written). */
    public static void escape(StringBuilder out, String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        escape(out, value, true);
        return out.toString();
    }
}
