package org.switchboard.xmpp.xep.stanzaid;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * {@code <stanza-id xmlns='urn:xmpp:sid:0' id='…' by='…'/>}: the id an archiving entity gave a message.
 * {@code <origin-id/>} (the sender's own id) is the client's business and passes through untouched.
 */
public record StanzaId(String id, Jid by) {

    public static final String NAMESPACE = "urn:xmpp:sid:0";
    public static final String ELEMENT = "stanza-id";

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A new id: 120 random bits as 24 base32 characters. Random rather than a counter, so an id says nothing
     * about how many messages the server or the account holds, and needs no coordination to be unique.
     */
    public static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < bytes.length; i += 5) {
            long group = 0;
            for (int j = 0; j < 5; j++) {
                group = (group << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                id.append(BASE32[(int) (group >>> shift) & 31]);
            }
        }
        return id.toString();
    }

    public Element toElement() {
        return Element.builder(ELEMENT, NAMESPACE).attribute("id", id).attribute("by", by.toString()).build();
    }

    /** The message with this stanza-id added. */
    public Stanza addTo(Stanza message) {
        return new Stanza(message.element().toBuilder().child(toElement()).build());
    }

    /**
     * The message without the stanza-ids whose {@code by} matches {@code ours} (XEP-0359 section 3.3: an
     * entity removes ids that claim to be its own, so a client cannot plant an id the server never gave).
     * Returns the same instance when there is nothing to remove, the usual case.
     */
    public static Stanza strip(Stanza message, Predicate<Jid> ours) {
        List<Node> children = message.element().children();
        List<Node> kept = null;
        for (int i = 0; i < children.size(); i++) {
            Node child = children.get(i);
            boolean remove = child instanceof Element element && element.is(ELEMENT, NAMESPACE) && claimsOurs(element, ours);
            if (remove && kept == null) {
                kept = new ArrayList<>(children.subList(0, i));
            } else if (!remove && kept != null) {
                kept.add(child);
            }
        }
        return kept == null ? message : new Stanza(message.element().withChildren(kept));
    }

    private static boolean claimsOurs(Element stanzaId, Predicate<Jid> ours) {
        Jid by = Jid.parseOrNull(stanzaId.attribute("by"));
        // an id without a readable 'by' cannot be attributed to anyone, and no honest sender makes one
        return by == null || ours.test(by);
    }

    /** The stanza-id in the message made by {@code by}, if any. */
    public static StanzaId find(Stanza message, Jid by) {
        for (Element child : message.element().elements()) {
            if (child.is(ELEMENT, NAMESPACE) && by.toString().equals(child.attribute("by"))) {
                return new StanzaId(child.attribute("id"), by);
            }
        }
        return null;
    }
}
