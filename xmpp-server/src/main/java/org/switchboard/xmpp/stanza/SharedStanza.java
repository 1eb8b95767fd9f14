package org.switchboard.xmpp.stanza;

import java.util.Objects;

/**
 * One stanza sent to many recipients that differ only in {@code to}, such as a room's message to each occupant
 * (XEP-0045 section 7.4): serialised once, and each copy's serialisation is that text with its own {@code to}
 * spliced into the start tag. A room of 50 serialised every copy on its own, about a third of what the room
 * allocated per message (docs/muc-benchmark.md). A copy's text is exactly what {@link XmlWriter} writes for
 * its element, {@code to} last among the attributes as {@link Element#withAttribute} puts it.
 */
public final class SharedStanza {

    private final Stanza base;
    /** The serialisation up to the end of the start tag's attributes, and the rest from its {@code >} or {@code />}. */
    private final String head;
    private final String tail;

    /** @param base the stanza as every recipient gets it, without {@code to} */
    public SharedStanza(Stanza base) {
        Objects.requireNonNull(base, "base");
        if (base.element().attribute("to") != null) {
            throw new IllegalArgumentException("a shared stanza is addressed per copy; the base has a 'to' already");
        }
        this.base = base;
        String xml = XmlWriter.toXml(base.element(), Namespaces.CLIENT);
        // attribute values are escaped, so the first '>' closes the start tag
        int close = xml.indexOf('>');
        int split = xml.charAt(close - 1) == '/' ? close - 1 : close;
        this.head = xml.substring(0, split);
        this.tail = xml.substring(split);
    }

    public Stanza base() {
        return base;
    }

    /**
     * The copy for one recipient; its sender's address is the base's, parsed once for all copies.
     *
     * @param toText {@code to.toString()}, which the caller may keep for a recipient that gets many copies
     */
    public Stanza to(Jid to, String toText) {
        return new Stanza(base.element().withAttribute("to", toText), base.from(), to, this);
    }

    /** The copy's serialisation in a {@code jabber:client} stream. */
    String xmlTo(String toText) {
        if (!needsEscaping(toText)) {
            return head + " to='" + toText + "'" + tail;
        }
        StringBuilder out = new StringBuilder(head.length() + toText.length() + tail.length() + 16);
        out.append(head).append(" to='");
        XmlWriter.escape(out, toText, true);
        return out.append('\'').append(tail).toString();
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '&' || c == '<' || c == '>' || c == '\'' || c == '"' || Character.isSurrogate(c) || c >= 0xFFFE) {
                return true;
            }
        }
        return false;
    }
}
