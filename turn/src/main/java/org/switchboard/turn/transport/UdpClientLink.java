package org.switchboard.turn.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.switchboard.turn.allocation.ClientLink;
import org.switchboard.turn.allocation.FiveTuple;

/** A UDP client: answers go out of the listener socket to the client's source address. */
record UdpClientLink(Channel listener, FiveTuple fiveTuple) implements ClientLink {

    @Override
    public void send(byte[] frame) {
        listener.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(frame), fiveTuple.client()),
                listener.voidPromise());
    }
}
