package org.switchboard.turn.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.ClientTransport;
import org.switchboard.turn.allocation.FiveTuple;
import org.switchboard.turn.method.TurnProtocol;

/** One TCP/TLS client connection: frames to the protocol; its allocation ends with the connection. */
final class StreamConnectionHandler extends SimpleChannelInboundHandler<byte[]> {

    private final TurnProtocol protocol;
    private final AllocationManager allocations;
    private final ClientTransport transport;
    private StreamClientLink link;

    StreamConnectionHandler(TurnProtocol protocol, AllocationManager allocations, ClientTransport transport) {
        this.protocol = protocol;
        this.allocations = allocations;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        FiveTuple fiveTuple = new FiveTuple((InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(), transport);
        link = new StreamClientLink(ctx.channel(), fiveTuple);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
        protocol.onPacket(link, frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (link != null) {
            allocations.connectionClosed(link.fiveTuple());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and failed TLS handshakes are the client's business; the connection just ends.
        ctx.close();
    }
}
