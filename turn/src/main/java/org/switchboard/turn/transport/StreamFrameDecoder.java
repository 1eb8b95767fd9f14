package org.switchboard.turn.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.stun.ChannelData;
import org.switchboard.turn.stun.StunMessage;
import org.switchboard.turn.stun.StunMessageReader;

/**
 * Cuts a TCP/TLS byte stream into STUN messages (20-byte header + length) and ChannelData messages (4-byte
 * header + length, padded to 4 on streams, RFC 8656 §12.5). A stream that goes wrong cannot be resynchronised,
 * so a bad header or an oversized frame closes the connection after counting it.
 */
final class StreamFrameDecoder extends ByteToMessageDecoder {

    private final TurnMetrics metrics;

    StreamFrameDecoder(TurnMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= ChannelData.HEADER_LENGTH) {
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            int length = in.getUnsignedShort(start + 2);
            int frame;
            if (StunMessageReader.looksLikeStun(first)) {
                frame = StunMessage.HEADER_LENGTH + length;
                if (length % 4 != 0) {
                    reject(ctx, in);
                    return;
                }
            } else if ((first & 0xC0) == 0x40) {
                frame = (ChannelData.HEADER_LENGTH + length + 3) & ~3;
            } else {
                reject(ctx, in);
                return;
            }
            if (frame > StunMessageReader.MAX_MESSAGE_LENGTH) {
                reject(ctx, in);
                return;
            }
            if (in.readableBytes() < frame) {
                return;
            }
            out.add(ByteBufUtil.getBytes(in, start, frame));
            in.skipBytes(frame);
        }
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in) {
        metrics.malformedDropped();
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
