package org.switchboard.xmpp.stanza;

import java.nio.charset.StandardCharsets;
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
    /** The serialisation up to the quote that opens {@code to}'s value, and the rest from the quote that closes it. */
    private final String head;
    private final String tail;
    /** The same in UTF-8, for a connection that writes bytes ({@link #headUtf8()}). */
    private final byte[] headUtf8;
    private final byte[] tailUtf8;

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
        this.head = xml.substring(0, split) + " to='";
        this.tail = "'" + xml.substring(split);
        this.headUtf8 = head.getBytes(StandardCharsets.UTF_8);
        this.tailUtf8 = tail.getBytes(StandardCharsets.UTF_8);
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
        return head + escapedTo(toText) + tail;
    }

    /**
     * A copy's serialisation is these bytes, then its {@code to} as {@link #escapedTo} gives it in UTF-8, then
     * {@link #tailUtf8()}: a connection writes them into its buffer without a text per copy. Not to be changed.
     */
    public byte[] headUtf8() {
        return headUtf8;
    }

    public byte[] tailUtf8() {
        return tailUtf8;
    }

    /** A copy's {@code to} as an attribute value: itself unless it holds a character XML escapes. */
    public static String escapedTo(String toText) {
        if (!needsEscaping(toText)) {
            return toText;
        }
        StringBuilder out = new StringBuilder(toText.length() + 16);
        XmlWriter.escape(out, toText, true);
        return out.toString();
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
