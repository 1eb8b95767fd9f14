package org.switchboard.turn.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.switchboard.turn.allocation.Relay;
import org.switchboard.turn.allocation.RelaySockets;

/**
 * Relay sockets on Netty. The socket is bound with plain NIO first: binding is instant for UDP and this way
 * it happens synchronously on whichever event loop thread handles the Allocate, where waiting on a Netty
 * bind future would deadlock. The bound socket is then handed to Netty for all I/O.
 */
public final class NettyRelaySockets implements RelaySockets {

    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int SOCKET_BUFFER = 256 * 1024;

    private final EventLoopGroup group;

    public NettyRelaySockets(EventLoopGroup group) {
        this.group = group;
    }

    @Override
    public Relay open(InetSocketAddress address) throws IOException {
        DatagramChannel socket = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            socket.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            socket.bind(address);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        NioDatagramChannel channel = new NioDatagramChannel(socket);
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RECEIVE_BUFFER));
        NettyRelay relay = new NettyRelay(channel, (InetSocketAddress) socket.getLocalAddress());
        channel.pipeline().addLast(relay.inboundHandler());
        ChannelFuture registration = group.register(channel);
        relay.registeredBy(registration);
        return relay;
    }
}
