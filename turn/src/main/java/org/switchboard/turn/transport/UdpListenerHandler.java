package org.switchboard.turn.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.switchboard.turn.allocation.ClientTransport;
import org.switchboard.turn.allocation.FiveTuple;
import org.switchboard.turn.method.TurnProtocol;

/** Each datagram on the TURN port is one STUN or ChannelData message. */
@Sharable
public final class UdpListenerHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final TurnProtocol protocol;

    public UdpListenerHandler(TurnProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        FiveTuple fiveTuple = new FiveTuple(packet.sender(), (InetSocketAddress) ctx.channel().localAddress(),
                ClientTransport.UDP);
        protocol.onPacket(new UdpClientLink(ctx.channel(), fiveTuple), bytes);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP unreachable and the like surface here; a UDP listener must keep running through them.
    }
}
