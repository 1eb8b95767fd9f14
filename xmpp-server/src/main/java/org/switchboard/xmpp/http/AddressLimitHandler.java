package org.switchboard.xmpp.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.net.ConnectionLimiter;

/**
 * Closes a connection at once when its address (IPv6: its /64) already holds its share of connections, or the
 * listener holds {@link HttpSettings#MAX_CONNECTIONS}.
 */
final class AddressLimitHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AddressLimitHandler.class);

    private final ConnectionLimiter limiter;
    private String key;

    AddressLimitHandler(ConnectionLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        String address = remote.getAddress().getHostAddress();
        ConnectionLimiter.Refusal refused = limiter.tryAcquire(address);
        if (refused != null) {
            log.debug("HTTPS connection from {} refused: {}", address, refused == ConnectionLimiter.Refusal.TOTAL
                    ? "too many connections in all" : "too many from that address");
            ctx.close();
            return;
        }
        key = address;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (key != null) {
            limiter.release(key);
            key = null;
        }
        ctx.fireChannelInactive();
    }
}
