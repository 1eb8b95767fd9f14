package org.switchboard.xmpp.stanza;

import java.util.List;
import java.util.Objects;

/**
 * A top-level stanza: {@code <message/>}, {@code <presence/>} or {@code <iq/>} in {@code jabber:client}
 * (the server uses that namespace inside, whatever stream the stanza came from). A thin, immutable view
 * over its {@link Element}; addresses are parsed on first use and kept, and the stream that accepted the
 * stanza has already checked that they parse. Equal when the elements are equal.
 */
public final class Stanza {

    public enum Kind { MESSAGE, PRESENCE, IQ }

    /** Marks an address that was looked up and is absent, so the cache tells "absent" from "not parsed yet". */
    private static final Jid ABSENT = new Jid(null, "absent.invalid", null);

    private final Element element;
    private final Kind kind;
    // Parsed on first use: routing and several modules ask for them on every stanza. Jid is immutable (final
    // fields), so a racing second parse on another thread only repeats the work and stores an equal value.
    private Jid from;
    private Jid to;
    /** Set on a copy made by {@link SharedStanza}: its serialisation, shared with the other copies; else null. */
    private final SharedStanza shared;

    public Stanza(Element element) {
        this(element, null, null, null);
    }

    /** {@code knownFrom} and {@code knownTo}: addresses already parsed from the same attributes, or null. */
    Stanza(Element element, Jid knownFrom, Jid knownTo, SharedStanza shared) {
        Objects.requireNonNull(element, "element");
        this.kind = kindOf(element);
        if (kind == null) {
            throw new IllegalArgumentException("not a stanza: <" + element.name() + " xmlns='" + element.namespace() + "'>");
        }
        this.element = element;
        this.from = knownFrom;
        this.to = knownTo;
        this.shared = shared;
    }

    public Element element() {
        return element;
    }

    /** True for message, presence and iq in jabber:client. */
    public static boolean isStanza(Element element) {
        return kindOf(element) != null;
    }

    private static Kind kindOf(Element element) {
        if (!Namespaces.CLIENT.equals(element.namespace())) {
            return null;
        }
        return switch (element.name()) {
            case "message" -> Kind.MESSAGE;
            case "presence" -> Kind.PRESENCE;
            case "iq" -> Kind.IQ;
            default -> null;
        };
    }

    public Kind kind() {
        return kind;
    }

    public boolean isIq() {
        return kind() == Kind.IQ;
    }

    public boolean isMessage() {
        return kind() == Kind.MESSAGE;
    }

    public boolean isPresence() {
        return kind() == Kind.PRESENCE;
    }

    /** The {@code type} attribute, or null (a message's default is "normal", a presence's is available). */
    public String type() {
        return element.attribute("type");
    }

    public String id() {
        return element.attribute("id");
    }

    /** The sender, or null when absent. */
    public Jid from() {
        Jid parsed = from;
        if (parsed == null) {
            parsed = parseAddress("from");
            from = parsed;
        }
        return parsed == ABSENT ? null : parsed;
    }

    /** The recipient, or null when absent. */
    public Jid to() {
        Jid parsed = to;
        if (parsed == null) {
            parsed = parseAddress("to");
            to = parsed;
        }
        return parsed == ABSENT ? null : parsed;
    }

    /** A malformed address throws every time it is asked for and is never cached. */
    private Jid parseAddress(String attribute) {
        String text = element.attribute(attribute);
        return text == null ? ABSENT : Jid.parse(text);
    }

    public boolean isError() {
        return "error".equals(type());
    }

    /** An IQ of type get or set, which must be answered (RFC 6120 section 8.2.3). */
    public boolean isIqRequest() {
        return isIq() && ("get".equals(type()) || "set".equals(type()));
    }

    /** The payload of an IQ: its first child element, or null. */
    public Element iqChild() {
        return element.firstElement().orElse(null);
    }

    public Stanza withFrom(Jid from) {
        // the 'to' attribute is unchanged, so its parse carries over (the usual stamping of a client's stanza)
        return new Stanza(element.withAttribute("from", from == null ? null : from.toString()), null, to, null);
    }

    public Stanza withTo(Jid to) {
        // the 'from' attribute is unchanged, so its parse carries over
        return new Stanza(element.withAttribute("to", to == null ? null : to.toString()), from, null, null);
    }

    public Stanza withAttribute(String name, String value) {
        return new Stanza(element.withAttribute(name, value));
    }

    /** An empty IQ result answering this request: from and to swapped, same id. */
    public Stanza iqResult() {
        return iqResult(null);
    }

    /** An IQ result answering this request, carrying {@code payload} (may be null). */
    public Stanza iqResult(Element payload) {
        ElementBuilder iq = Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", "result")
                .attribute("id", id())
                .attribute("from", element.attribute("to"))
                .attribute("to", element.attribute("from"));
        if (payload != null) {
            iq.child(payload);
        }
        return new Stanza(iq.build());
    }

    /**
     * The error reply to this stanza (RFC 6120 section 8.3.1): same kind and id, addresses swapped, type
     * error, the original payload kept for IQs so the sender can tell which request failed.
     */
    public Stanza errorReply(StanzaError error, String text) {
        List<Node> content = isIq() ? List.copyOf(element.elements()) : List.of();
        Element reply = element.withChildren(content)
                .withAttribute("type", "error")
                .withAttribute("from", element.attribute("to"))
                .withAttribute("to", element.attribute("from"));
        return new Stanza(reply.toBuilder().child(error.toElement(text)).build());
    }

    public Stanza errorReply(StanzaError error) {
        return errorReply(error, null);
    }

    public static Stanza iq(String type, String id, Jid from, Jid to, Element payload) {
        ElementBuilder iq = Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", type)
                .attribute("id", id)
                .attribute("from", from == null ? null : from.toString())
                .attribute("to", to == null ? null : to.toString());
        if (payload != null) {
            iq.child(payload);
        }
        return new Stanza(iq.build());
    }

    /**
     * The serialisation this stanza shares with other copies of it, or null: a copy made by {@link SharedStanza}
     * and not changed since. A connection may write the shared parts instead of {@link #toXml()}.
     */
    public SharedStanza shared() {
        return shared;
    }

    public String toXml() {
        return shared != null ? shared.xmlTo(element.attribute("to")) : XmlWriter.toXml(element, Namespaces.CLIENT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stanza stanza && element.equals(stanza.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode();
    }

    @Override
    public String toString() {
        return toXml();
    }
}
