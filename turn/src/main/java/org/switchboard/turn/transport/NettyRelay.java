package org.switchboard.turn.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import org.switchboard.turn.allocation.Relay;

/** One allocation's relay socket: datagrams out to peers, datagrams from peers to the allocation. */
final class NettyRelay implements Relay {

    private final NioDatagramChannel channel;
    private final InetSocketAddress localAddress;
    private volatile ChannelFuture registration;
    private volatile PeerDataListener listener;

    NettyRelay(NioDatagramChannel channel, InetSocketAddress localAddress) {
        this.channel = channel;
        this.localAddress = localAddress;
    }

    void registeredBy(ChannelFuture registration) {
        this.registration = registration;
    }

    SimpleChannelInboundHandler<DatagramPacket> inboundHandler() {
        return new SimpleChannelInboundHandler<>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                PeerDataListener target = listener;
                if (target != null) {
                    target.onPeerData(packet.sender(), ByteBufUtil.getBytes(packet.content()));
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // ICMP errors from unreachable peers: nothing to do, the relay stays open.
            }
        };
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(InetSocketAddress peer, byte[] data) {
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(data), peer);
        ChannelFuture registered = registration;
        if (registered.isDone()) {
            channel.writeAndFlush(packet, channel.voidPromise());
        } else {
            // The first Send can race the registration that started a moment earlier.
            registered.addListener(done -> channel.writeAndFlush(packet, channel.voidPromise()));
        }
    }

    @Override
    public void deliverTo(PeerDataListener target) {
        this.listener = target;
    }

    @Override
    public void close() {
        listener = null;
        registration.addListener(done -> {
            if (done.isSuccess()) {
                channel.close();
            } else {
                // Never registered (the server is shutting down): close the socket itself.
                channel.unsafe().closeForcibly();
            }
        });
    }
}
