package org.switchboard.xmpp.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xml.StreamEvent;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamParser;

/**
 * WebSocket messages to the {@link StreamEvent}s a TCP connection's decoder would give, with the rules of RFC
 * 7395: text messages only (section 3.2; a binary one closes the connection with 1003), exactly one complete
 * element per message (section 3.3.3), a stream that starts with {@code <open/>} and ends with
 * {@code <close/>} (section 3.3.1). The XML itself goes through the same {@link XmlStreamParser} and limits as
 * on TCP: every document is parsed inside a stream header of our own, so a message is checked against the
 * stanza size, depth and restricted-XML rules as it arrives, fragment by fragment, never gathered first.
 */
final class InboundFraming extends ChannelInboundHandlerAdapter {

    private static final String STREAM_WRAPPER = "<stream:stream xmlns='" + Namespaces.CLIENT + "' xmlns:stream='"
            + Namespaces.STREAM + "'>";
    private static final byte[] WRAPPER_BYTES = STREAM_WRAPPER.getBytes(StandardCharsets.UTF_8);
    private static final FastThreadLocal<byte[]> SLICES = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[XmlStreamParser.SLICE_BYTES];
        }
    };

    private final XmlStreamParser parser;
    private WebSocketTransport transport;
    /** A new document starts with the next message (at first, and after the SASL restart). */
    private boolean needWrapper = true;
    private boolean streamOpen;
    private boolean inTextMessage;
    private boolean inBinaryMessage;
    private int elementsInMessage;
    /** What the current message gave so far: handed on only once the whole message has proved to be one element. */
    private final List<StreamEvent> pending = new ArrayList<>(2);
    private boolean failed;

    InboundFraming(XmlLimits limits) {
        this.parser = new XmlStreamParser(limits);
    }

    void transport(WebSocketTransport owner) {
        this.transport = owner;
    }

    /** RFC 7395 section 3.3.5 (stream restart after SASL): the client's next message is a new {@code <open/>}. */
    void restart() {
        parser.restart();
        needWrapper = true;
        streamOpen = false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof WebSocketFrame frame) {
                frame(ctx, frame);
            }
            // anything else is the upgrade request's empty end, left behind by the HTTP codec: nothing to read
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof PongWebSocketFrame) {
            return; // an answer to nothing we asked, or a keep-alive: it has reset the idle timer already
        } else if (frame instanceof CloseWebSocketFrame close) {
            transport.peerClosed(close.statusCode());
        } else if (frame instanceof BinaryWebSocketFrame || (frame instanceof ContinuationWebSocketFrame && inBinaryMessage)) {
            inBinaryMessage = !frame.isFinalFragment();
            transport.closeWebSocket(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "XMPP over WebSocket carries text messages only (RFC 7395 section 3.2)");
        } else if (frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            if (!failed) {
                text(ctx, frame.content(), !inTextMessage, frame.isFinalFragment());
            }
            inTextMessage = !frame.isFinalFragment();
        }
    }

    private void text(ChannelHandlerContext ctx, ByteBuf content, boolean first, boolean last) {
        List<StreamEvent> events = pending;
        if (needWrapper) {
            needWrapper = false;
            parser.feed(WRAPPER_BYTES, 0, WRAPPER_BYTES.length, event -> { }); // its Open is ours, not the client's
        }
        if (first && !skipXmlDeclaration(content)) {
            events.add(violation(StreamError.BAD_FORMAT, "the message starts with an unterminated XML declaration"));
        }
        byte[] slice = SLICES.get();
        while (content.isReadable() && !failed) {
            int length = Math.min(slice.length, content.readableBytes());
            content.readBytes(slice, 0, length);
            parser.feed(slice, 0, length, event -> translate(event, events));
        }
        if (last && !failed) {
            if (!parser.betweenElements()) {
                events.add(violation(StreamError.BAD_FORMAT,
                        "the message ends inside an element: one complete element per message (RFC 7395 section 3.3.3)"));
            } else if (elementsInMessage == 0) {
                events.add(violation(StreamError.BAD_FORMAT, "a WebSocket message carries one XML element (RFC 7395 section 3.3.3)"));
            }
        }
        if (failed) {
            // only the error goes on: nothing of a message that broke the framing is acted upon
            StreamEvent error = events.get(events.size() - 1);
            events.clear();
            ctx.fireChannelRead(error);
        } else if (last) {
            elementsInMessage = 0;
            List<StreamEvent> message = List.copyOf(events);
            events.clear();
            message.forEach(ctx::fireChannelRead);
        }
    }

    private void translate(StreamEvent event, List<StreamEvent> events) {
        if (failed) {
            return;
        }
        if (event instanceof StreamEvent.Violation) {
            failed = true;
            events.add(event);
        } else if (event instanceof StreamEvent.Close) {
            events.add(violation(StreamError.BAD_FORMAT, "</stream:stream> is not used over WebSocket; send <close xmlns='"
                    + Framing.NAMESPACE + "'/> (RFC 7395 section 3.3.1)"));
        } else if (event instanceof StreamEvent.TopLevel top) {
            if (++elementsInMessage > 1) {
                events.add(violation(StreamError.BAD_FORMAT, "more than one element in a WebSocket message (RFC 7395 section 3.3.3)"));
            } else {
                element(top.element(), events);
            }
        }
        // the parser's own Open is the wrapper's: the client's header is <open/>, an element
    }

    private void element(Element element, List<StreamEvent> events) {
        if (element.is(Framing.OPEN, Framing.NAMESPACE)) {
            if (streamOpen) {
                events.add(violation(StreamError.BAD_FORMAT, "the stream is already open"));
                return;
            }
            streamOpen = true;
            Map<String, String> attributes = new LinkedHashMap<>();
            element.attributes().forEach((name, value) -> {
                if (!name.startsWith("xmlns")) {
                    attributes.put(name, value);
                }
            });
            // the content namespace of a framed stream is jabber:client (RFC 7395 section 3.3.2)
            events.add(new StreamEvent.Open(attributes, Namespaces.CLIENT));
        } else if (element.is(Framing.CLOSE, Framing.NAMESPACE)) {
            events.add(new StreamEvent.Close());
        } else if (!streamOpen) {
            events.add(violation(StreamError.BAD_FORMAT, "the stream must start with <open xmlns='" + Framing.NAMESPACE
                    + "'/> (RFC 7395 section 3.3.1), not <" + element.name() + "/>"));
        } else if (Framing.NAMESPACE.equals(element.namespace())) {
            events.add(violation(StreamError.BAD_FORMAT, "unknown framing element <" + element.name() + "/>"));
        } else {
            events.add(new StreamEvent.TopLevel(element));
        }
    }

    private StreamEvent violation(StreamError error, String text) {
        failed = true;
        return new StreamEvent.Violation(error, text);
    }

    /**
     * A message is a standalone document (RFC 7395 section 3.3.3), so it may begin with an XML declaration,
     * though the RFC advises against it; inside our wrapper it would be malformed, so it is skipped.
     */
    private static boolean skipXmlDeclaration(ByteBuf content) {
        int start = content.readerIndex();
        String head = content.toString(start, Math.min(content.readableBytes(), 5), StandardCharsets.US_ASCII);
        if (!head.equals("<?xml")) {
            return true;
        }
        int window = Math.min(content.readableBytes(), 256);
        for (int i = start; i < start + window - 1; i++) {
            if (content.getByte(i) == '?' && content.getByte(i + 1) == '>') {
                content.readerIndex(i + 2);
                return true;
            }
        }
        return false;
    }

    /** Lets the stream start on a connection that was already open before the stream's handler was added. */
    void streamReady(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
    }
}
