package org.switchboard.xmpp.im.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.xml.StreamEvent;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamParser;

/**
 * Turns elements into text for a database column and back. Reading goes through the same restricted,
 * limited parser as the network, inside a {@code jabber:client} stream, so stored stanzas come back in
 * exactly the form the server built them from.
 */
public final class StoredXml {

    private static final String STREAM_OPEN =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    /** Stored data was limited when it was accepted; this only guards against a corrupted row. */
    private static final XmlLimits LIMITS = new XmlLimits(1024 * 1024, 128, 256);

    private StoredXml() {
    }

    /** The element with its namespace declared, ready to store. */
    public static String write(Element element) {
        return XmlWriter.toXml(element, null);
    }

    /** The element stored by {@link #write}; throws {@link IllegalStateException} if the text is not one element. */
    public static Element read(String xml) {
        List<StreamEvent> events = new ArrayList<>();
        byte[] bytes = (STREAM_OPEN + xml).getBytes(StandardCharsets.UTF_8);
        new XmlStreamParser(LIMITS).feed(bytes, 0, bytes.length, events::add);
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TopLevel top) {
                return top.element();
            }
            if (event instanceof StreamEvent.Violation violation) {
                throw new IllegalStateException("stored XML is unreadable: " + violation.text());
            }
        }
        throw new IllegalStateException("stored XML holds no complete element");
    }
}
