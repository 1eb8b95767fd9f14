package org.switchboard.xmpp.xml;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty adapter of {@link XmlStreamParser}: reads bytes, emits {@link StreamEvent}s. Bytes are copied out
 * of the buffer one slice at a time and released at once, so the decoder holds no Netty buffers.
 */
public final class XmlStreamDecoder extends ChannelInboundHandlerAdapter {

    private final XmlStreamParser parser;
    private final byte[] slice = new byte[XmlStreamParser.SLICE_BYTES];

    public XmlStreamDecoder(XmlLimits limits) {
        this.parser = new XmlStreamParser(limits);
    }

    /** Discards the current document; the next bytes start a new stream header. */
    public void restart() {
        parser.restart();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buffer)) {
            ctx.fireChannelRead(msg);
            return;
        }
        List<StreamEvent> events = new ArrayList<>(4);
        try {
            while (buffer.isReadable() && !parser.failed()) {
                int length = Math.min(slice.length, buffer.readableBytes());
                buffer.readBytes(slice, 0, length);
                parser.feed(slice, 0, length, events::add);
                for (StreamEvent event : events) {
                    ctx.fireChannelRead(event);
                }
                events.clear();
            }
        } finally {
            buffer.release();
        }
    }
}
