package org.switchboard.xmpp.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.StreamError;

/**
 * Turns the bytes of one XMPP stream into {@link StreamEvent}s with Aalto's non-blocking parser, enforcing
 * {@link XmlLimits} and the restricted XML of RFC 6120 section 11.1 (no DTD, comments, processing
 * instructions or entity references other than the five predefined ones). No Netty types: the decoder
 * feeds it, tests can too. Not thread-safe; one per connection.
 *
 * <p>Input is fed to Aalto in slices of at most {@link #SLICE_BYTES} and the byte limit is checked after
 * each, so neither Aalto's buffers nor the element being built can grow past the limit by more than one
 * slice. After the first violation every later byte is ignored.
 */
public final class XmlStreamParser {

    public static final int SLICE_BYTES = 4096;

    private static final AsyncXMLInputFactory FACTORY = createFactory();

    private final XmlLimits limits;
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final Deque<ElementBuilder> open = new ArrayDeque<>();
    private int depth;
    private long pendingBytes;
    private boolean failed;
    /** A {@code <!} seen before the root element: a DOCTYPE (or comment), which Aalto's async mode rejects as a syntax error. */
    private boolean markupDeclarationInProlog;
    private byte previousPrologByte;

    public XmlStreamParser(XmlLimits limits) {
        this.limits = limits;
        this.reader = FACTORY.createAsyncForByteArray();
    }

    private static AsyncXMLInputFactory createFactory() {
        // created directly, never through XMLInputFactory.newFactory() (DEPENDENCIES.md: Woodstox is also on some class paths)
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Starts a new document, as after STARTTLS or SASL success (RFC 6120 sections 5.4.3.3, 6.4.6). */
    public void restart() {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // the old document is abandoned either way
        }
        reader = FACTORY.createAsyncForByteArray();
        open.clear();
        depth = 0;
        pendingBytes = 0;
        markupDeclarationInProlog = false;
        previousPrologByte = 0;
    }

    public boolean failed() {
        return failed;
    }

    /**
     * Whether the input so far ends inside the stream but outside any top-level element: where a WebSocket
     * message (RFC 7395), which carries exactly one element, must end.
     */
    public boolean betweenElements() {
        return depth == 1;
    }

    /** Parses {@code length} bytes and passes every complete event to {@code events}. */
    public void feed(byte[] bytes, int offset, int length, Consumer<StreamEvent> events) {
        for (int start = offset; start < offset + length && !failed; start += SLICE_BYTES) {
            int slice = Math.min(SLICE_BYTES, offset + length - start);
            pendingBytes += slice;
            if (depth == 0) {
                scanProlog(bytes, start, slice);
            }
            try {
                reader.getInputFeeder().feedInput(bytes, start, slice);
                drain(events);
            } catch (XMLStreamException e) {
                if (depth == 0 && markupDeclarationInProlog) {
                    fail(events, StreamError.RESTRICTED_XML, "DTDs and entity declarations are not allowed");
                }
                fail(events, StreamError.NOT_WELL_FORMED, firstLine(e.getMessage()));
            } catch (RuntimeException e) {
                // Aalto reports some malformed input (e.g. broken UTF-8) as unchecked exceptions
                fail(events, StreamError.NOT_WELL_FORMED, "malformed input: " + firstLine(e.getMessage()));
            }
            if (!failed && pendingBytes > limits.maxStanzaBytes()) {
                fail(events, StreamError.POLICY_VIOLATION, "stanza is larger than " + limits.maxStanzaBytes() + " bytes");
            }
        }
    }

    private void scanProlog(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (previousPrologByte == '<' && bytes[i] == '!') {
                markupDeclarationInProlog = true;
            }
            previousPrologByte = bytes[i];
        }
    }

    private void drain(Consumer<StreamEvent> events) throws XMLStreamException {
        int event;
        while (!failed && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_DOCUMENT -> checkEncoding(events);
                case XMLStreamConstants.START_ELEMENT -> startElement(events);
                case XMLStreamConstants.END_ELEMENT -> endElement(events);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(events);
                case XMLStreamConstants.END_DOCUMENT -> { }
                case XMLStreamConstants.COMMENT -> fail(events, StreamError.RESTRICTED_XML, "comments are not allowed");
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        fail(events, StreamError.RESTRICTED_XML, "processing instructions are not allowed");
                case XMLStreamConstants.DTD -> fail(events, StreamError.RESTRICTED_XML, "DTDs are not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        fail(events, StreamError.RESTRICTED_XML, "entity references other than the predefined ones are not allowed");
                default -> fail(events, StreamError.RESTRICTED_XML, "XML construct not allowed in XMPP: event " + event);
            }
        }
    }

    private void checkEncoding(Consumer<StreamEvent> events) {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
            fail(events, StreamError.UNSUPPORTED_ENCODING, "only UTF-8 is supported");
        }
    }

    private void startElement(Consumer<StreamEvent> events) {
        depth++;
        if (depth == 1) {
            openStream(events);
            return;
        }
        if (depth - 1 > limits.maxDepth()) {
            fail(events, StreamError.POLICY_VIOLATION, "elements nested deeper than " + limits.maxDepth());
            return;
        }
        if (reader.getAttributeCount() > limits.maxAttributes()) {
            fail(events, StreamError.POLICY_VIOLATION, "more than " + limits.maxAttributes() + " attributes on one element");
            return;
        }
        String namespace = reader.getNamespaceURI();
        ElementBuilder element = Element.builder(reader.getLocalName(), namespace == null ? "" : namespace);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix != null && !prefix.isEmpty()) {
                // kept so that prefixed attributes written back out still resolve
                element.attribute("xmlns:" + prefix, reader.getNamespaceURI(i));
            }
        }
        copyAttributes(element::attribute);
        open.push(element);
    }

    private void openStream(Consumer<StreamEvent> events) {
        if (!"stream".equals(reader.getLocalName()) || !Namespaces.STREAM.equals(reader.getNamespaceURI())) {
            // naming what came instead tells a client that sent a stanza before its stream header from a wrong namespace
            String namespace = reader.getNamespaceURI();
            fail(events, StreamError.INVALID_NAMESPACE, "the root element must be <stream:stream xmlns:stream='" + Namespaces.STREAM
                    + "'>, not <" + reader.getLocalName() + " xmlns='" + (namespace == null ? "" : namespace) + "'>");
            return;
        }
        if (reader.getAttributeCount() > limits.maxAttributes()) {
            fail(events, StreamError.POLICY_VIOLATION, "too many attributes on the stream header");
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        copyAttributes(attributes::put);
        String content = reader.getNamespaceContext().getNamespaceURI("");
        pendingBytes = 0;
        events.accept(new StreamEvent.Open(attributes, content == null ? "" : content));
    }

    private void copyAttributes(java.util.function.BiConsumer<String, String> sink) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String local = reader.getAttributeLocalName(i);
            sink.accept(prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, reader.getAttributeValue(i));
        }
    }

    private void endElement(Consumer<StreamEvent> events) {
        depth--;
        if (depth == 0) {
            events.accept(new StreamEvent.Close());
            return;
        }
        Element complete = open.pop().build();
        if (open.isEmpty()) {
            pendingBytes = 0;
            events.accept(new StreamEvent.TopLevel(complete));
        } else {
            open.peek().child(complete);
        }
    }

    private void text(Consumer<StreamEvent> events) {
        String text = reader.getText();
        if (!open.isEmpty()) {
            open.peek().text(text);
        } else if (!text.isBlank()) {
            // between stanzas only whitespace (keep-alives) is allowed
            fail(events, StreamError.BAD_FORMAT, "text outside of a stanza");
        }
    }

    private void fail(Consumer<StreamEvent> events, StreamError error, String text) {
        if (failed) {
            return;
        }
        failed = true;
        open.clear();
        events.accept(new StreamEvent.Violation(error, text));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed XML";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
