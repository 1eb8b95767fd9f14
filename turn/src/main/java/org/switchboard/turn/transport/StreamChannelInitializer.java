package org.switchboard.turn.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.ClientTransport;
import org.switchboard.turn.method.TurnProtocol;
import org.switchboard.turn.metrics.TurnMetrics;

/** The pipeline of a TCP or TLS client connection. */
public final class StreamChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** A connection with no allocation and no traffic for this long is closed (it holds a socket). */
    private static final int IDLE_SECONDS = 3600;

    private final TurnProtocol protocol;
    private final AllocationManager allocations;
    private final TurnMetrics metrics;
    private final SslContext tls;
    private final ConnectionLimiter limiter;
    private final Duration allocationDeadline;

    /** {@code tls} null for plain TCP; one {@code limiter} is shared by the TCP and TLS listeners. */
    public StreamChannelInitializer(TurnProtocol protocol, AllocationManager allocations, TurnMetrics metrics,
                                    SslContext tls, ConnectionLimiter limiter, Duration allocationDeadline) {
        this.protocol = protocol;
        this.allocations = allocations;
        this.metrics = metrics;
        this.tls = tls;
        this.limiter = limiter;
        this.allocationDeadline = allocationDeadline;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (tls != null) {
            // TLS first: everything after it sees plaintext.
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        // Closes connections that stopped talking; allocations are refreshed far more often than this.
        channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS) {
            @Override
            protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx,
                                       io.netty.handler.timeout.IdleStateEvent event) {
                ctx.close();
            }
        });
        // Cuts the stream into STUN / ChannelData frames.
        channel.pipeline().addLast("frames", new StreamFrameDecoder(metrics));
        // Hands each frame to the protocol and ends the allocation with the connection.
        channel.pipeline().addLast("turn", new StreamConnectionHandler(protocol, allocations,
                tls != null ? ClientTransport.TLS : ClientTransport.TCP, limiter, allocationDeadline, metrics));
    }
}
