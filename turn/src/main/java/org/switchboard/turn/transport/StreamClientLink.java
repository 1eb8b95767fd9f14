package org.switchboard.turn.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.switchboard.turn.allocation.ClientLink;
import org.switchboard.turn.allocation.FiveTuple;

/** A TCP or TLS client connection. */
record StreamClientLink(Channel connection, FiveTuple fiveTuple) implements ClientLink {

    @Override
    public void send(byte[] frame) {
        connection.writeAndFlush(Unpooled.wrappedBuffer(frame), connection.voidPromise());
    }
}
