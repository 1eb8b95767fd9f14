package org.switchboard.xmpp.stanza;

import java.util.List;
import java.util.Objects;

/**
 * A top-level stanza: {@code <message/>}, {@code <presence/>} or {@code <iq/>} in {@code jabber:client}
 * (the server uses that namespace inside, whatever stream the stanza came from). A thin, immutable view
 * over its {@link Element}; addresses are parsed on demand, and the stream that accepted the stanza has
 * already checked that they parse.
 */
public record Stanza(Element element) {

    public enum Kind { MESSAGE, PRESENCE, IQ }

    public Stanza {
        Objects.requireNonNull(element, "element");
        if (kindOf(element) == null) {
            throw new IllegalArgumentException("not a stanza: <" + element.name() + " xmlns='" + element.namespace() + "'>");
        }
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
        return kindOf(element);
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
        String from = element.attribute("from");
        return from == null ? null : Jid.parse(from);
    }

    /** The recipient, or null when absent. */
    public Jid to() {
        String to = element.attribute("to");
        return to == null ? null : Jid.parse(to);
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
        return new Stanza(element.withAttribute("from", from == null ? null : from.toString()));
    }

    public Stanza withTo(Jid to) {
        return new Stanza(element.withAttribute("to", to == null ? null : to.toString()));
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

    public String toXml() {
        return XmlWriter.toXml(element, Namespaces.CLIENT);
    }

    @Override
    public String toString() {
        return toXml();
    }
}
