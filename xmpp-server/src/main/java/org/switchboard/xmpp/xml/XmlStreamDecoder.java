package org.switchboard.xmpp.xml;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty adapter of {@link XmlStreamParser}: reads bytes, emits {@link StreamEvent}s. Bytes are copied out
 * of the buffer one slice at a time and released at once, so the decoder holds no Netty buffers.
 */
public final class XmlStreamDecoder extends ChannelInboundHandlerAdapter {

    private final XmlStreamParser parser;
    /**
     * One copy buffer per event-loop thread rather than per connection: decoding finishes before the
     * thread serves another channel, and Aalto keeps no reference to fed bytes once it asks for more.
     */
    private static final FastThreadLocal<byte[]> SLICES = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[XmlStreamParser.SLICE_BYTES];
        }
    };
    private boolean restarted;

    public XmlStreamDecoder(XmlLimits limits) {
        this.parser = new XmlStreamParser(limits);
    }

    /**
     * Discards the current document; the next read starts a new stream header. Whatever the peer sent
     * after the element that caused the restart and that is already buffered is dropped: a peer must wait
     * for the server's answer (proceed, success) before sending more, and plaintext pipelined behind
     * STARTTLS must never be taken as if it came over TLS.
     */
    public void restart() {
        parser.restart();
        restarted = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buffer)) {
            ctx.fireChannelRead(msg);
            return;
        }
        List<StreamEvent> events = new ArrayList<>(4);
        byte[] slice = SLICES.get();
        restarted = false;
        try {
            while (buffer.isReadable() && !parser.failed() && !restarted) {
                int length = Math.min(slice.length, buffer.readableBytes());
                buffer.readBytes(slice, 0, length);
                parser.feed(slice, 0, length, events::add);
                for (int i = 0; i < events.size() && !restarted; i++) {
                    ctx.fireChannelRead(events.get(i));
                }
                events.clear();
            }
        } finally {
            buffer.release();
        }
    }
}
