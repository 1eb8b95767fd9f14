package org.switchboard.xmpp.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Text;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.xml.StreamEvent;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamParser;

/**
 * Turns what the client stream writes for a TCP connection into RFC 7395 messages: the stream header becomes
 * {@code <open/>}, {@code </stream:stream>} becomes {@code <close/>}, and every top-level element goes into a
 * message of its own with its namespaces declared (section 3.3.3: each message is a standalone document).
 * The stream code writes text that relies on the stream's declarations ({@code jabber:client}, the
 * {@code stream:} prefix) and may write several elements at once, so the text is parsed back into elements
 * here rather than changing every writer: one parse per outgoing element, for WebSocket clients only.
 * Not thread-safe: used on the connection's event loop.
 */
final class OutboundFraming {

    private static final Logger log = LoggerFactory.getLogger(OutboundFraming.class);
    /** Our own output: no limit that could cut a large archive page, only a bound against a runaway bug. */
    private static final XmlLimits OWN_OUTPUT = new XmlLimits(64 * 1024 * 1024, 1024, 4096);
    private static final String STREAM_WRAPPER = "<stream:stream xmlns='" + Namespaces.CLIENT + "' xmlns:stream='"
            + Namespaces.STREAM + "'>";

    private final XmlStreamParser parser = new XmlStreamParser(OWN_OUTPUT);
    private boolean open;

    /** The messages to send for {@code xml}, in order. */
    List<String> messages(String xml) {
        List<String> out = new ArrayList<>(2);
        if (xml.startsWith("<?xml")) {
            // a new stream header (at the start, or after the SASL restart): a new document
            parser.restart();
            open = false;
        } else if (!open) {
            // text written without a header of ours (it cannot happen today): parse it inside a stream anyway
            feed(STREAM_WRAPPER, out, true);
        }
        feed(xml, out, false);
        return out;
    }

    private void feed(String xml, List<String> out, boolean wrapperOnly) {
        byte[] bytes = xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length, event -> {
            if (event instanceof StreamEvent.Open header) {
                open = true;
                if (!wrapperOnly) {
                    out.add(openElement(header.attributes()));
                }
            } else if (event instanceof StreamEvent.TopLevel top) {
                out.add(standalone(top.element()));
            } else if (event instanceof StreamEvent.Close) {
                open = false;
                out.add(Framing.CLOSE_ELEMENT);
            } else if (event instanceof StreamEvent.Violation violation) {
                // a bug of ours, not the client's: nothing half-framed goes out, and the log says what
                log.error("Not sent to a WebSocket client: the server wrote XML it cannot frame ({})", violation.text());
            }
        });
    }

    /** RFC 7395 section 3.3.1: the header's attributes on {@code <open/>}. */
    static String openElement(Map<String, String> attributes) {
        StringBuilder out = new StringBuilder(160).append("<open xmlns='").append(Framing.NAMESPACE).append('\'');
        attributes.forEach((name, value) -> {
            if (!name.startsWith("xmlns")) {
                out.append(' ').append(name).append("='");
                XmlWriter.escape(out, value, true);
                out.append('\'');
            }
        });
        return out.append("/>").toString();
    }

    /**
     * One element with every namespace it uses declared. Stream elements ({@code features}, {@code error}) keep
     * the {@code stream:} prefix of RFC 7395's examples, which some clients look for by name.
     */
    static String standalone(Element element) {
        if (!Namespaces.STREAM.equals(element.namespace())) {
            return XmlWriter.toXml(element, null);
        }
        StringBuilder out = new StringBuilder(256).append("<stream:").append(element.name())
                .append(" xmlns:stream='").append(Namespaces.STREAM).append('\'');
        element.attributes().forEach((name, value) -> {
            if (!name.equals("xmlns:stream")) {
                out.append(' ').append(name).append("='");
                XmlWriter.escape(out, value, true);
                out.append('\'');
            }
        });
        out.append('>');
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                XmlWriter.write(out, e, null);
            } else if (child instanceof Text text) {
                XmlWriter.escape(out, text.value(), false);
            }
        }
        return out.append("</stream:").append(element.name()).append('>').toString();
    }
}
