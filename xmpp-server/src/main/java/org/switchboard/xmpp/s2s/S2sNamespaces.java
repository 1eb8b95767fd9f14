package org.switchboard.xmpp.s2s;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;

/** Namespaces of server streams, and the conversion of their stanzas to the {@code jabber:client} the server uses inside. */
final class S2sNamespaces {

    static final String DIALBACK = "jabber:server:dialback";
    /** XEP-0220 section 2.4: a receiving server that supports dialback (and its error handling) says so in its features. */
    static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    /** XEP-0288: the receiving server offers bidirectional streams in its features ... */
    static final String BIDI_FEATURE = "urn:xmpp:features:bidi";
    /** ... and the initiating server asks for one with this element, before it authenticates. */
    static final String BIDI = "urn:xmpp:bidi";

    private S2sNamespaces() {
    }

    static Element toClientNamespace(Element element) {
        if (!element.namespace().equals(Namespaces.SERVER)) {
            return element;
        }
        List<Node> children = new ArrayList<>();
        for (Node child : element.children()) {
            children.add(child instanceof Element e ? toClientNamespace(e) : child);
        }
        return element.withNamespace(Namespaces.CLIENT).withChildren(children);
    }
}
