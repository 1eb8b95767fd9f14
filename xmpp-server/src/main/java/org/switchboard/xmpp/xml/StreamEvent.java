package org.switchboard.xmpp.xml;

import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StreamError;

/** What the XML stream decoder hands to the stream handler, in order. */
public sealed interface StreamEvent {

    /**
     * The opening {@code <stream:stream>} tag.
     *
     * @param attributes       its attributes ({@code to}, {@code from}, {@code version}, {@code xml:lang} …)
     * @param contentNamespace the default namespace declared on it, e.g. {@code jabber:client}; "" if none
     */
    record Open(Map<String, String> attributes, String contentNamespace) implements StreamEvent {
        public Open {
            attributes = Map.copyOf(attributes);
        }

        public String attribute(String name) {
            return attributes.get(name);
        }
    }

    /** A complete top-level element (a stanza or a negotiation element such as {@code <auth/>}). */
    record TopLevel(Element element) implements StreamEvent {
    }

    /** The peer's closing {@code </stream:stream>}. */
    record Close() implements StreamEvent {
    }

    /**
     * The input broke a rule; the stream must end with this error. Nothing more is parsed afterwards.
     */
    record Violation(StreamError error, String text) implements StreamEvent {
    }
}
