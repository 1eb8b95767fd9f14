package org.switchboard.turn.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.ClientTransport;
import org.switchboard.turn.allocation.FiveTuple;
import org.switchboard.turn.method.TurnProtocol;
import org.switchboard.turn.metrics.TurnMetrics;

/**
 * One TCP/TLS client connection: frames to the protocol; its allocation ends with the connection. The
 * connection takes a place in the {@link ConnectionLimiter} while it is open, and must have an
 * allocation by the deadline: a TCP connection is only worth its socket to a client that relays through it.
 */
final class StreamConnectionHandler extends SimpleChannelInboundHandler<byte[]> {

    private final TurnProtocol protocol;
    private final AllocationManager allocations;
    private final ClientTransport transport;
    private final ConnectionLimiter limiter;
    private final Duration allocationDeadline;
    private final TurnMetrics metrics;
    private StreamClientLink link;
    private String counted;

    StreamConnectionHandler(TurnProtocol protocol, AllocationManager allocations, ClientTransport transport,
                            ConnectionLimiter limiter, Duration allocationDeadline, TurnMetrics metrics) {
        this.protocol = protocol;
        this.allocations = allocations;
        this.transport = transport;
        this.limiter = limiter;
        this.allocationDeadline = allocationDeadline;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        String address = remote.getAddress().getHostAddress();
        ConnectionLimiter.Refusal refusal = limiter.tryAcquire(address);
        if (refusal != null) {
            metrics.streamConnectionRefused(refusal.name().toLowerCase(java.util.Locale.ROOT));
            ctx.close();
            return;
        }
        counted = address;
        FiveTuple fiveTuple = new FiveTuple(remote, (InetSocketAddress) ctx.channel().localAddress(), transport);
        link = new StreamClientLink(ctx.channel(), fiveTuple);
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive() && allocations.find(fiveTuple) == null) {
                metrics.streamConnectionRefused("no_allocation");
                ctx.close();
            }
        }, allocationDeadline.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
        if (link != null) {
            protocol.onPacket(link, frame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted != null) {
            limiter.release(counted);
            counted = null;
        }
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
