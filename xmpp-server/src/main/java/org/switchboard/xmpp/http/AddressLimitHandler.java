package org.switchboard.xmpp.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.net.AddressKey;
import org.switchboard.xmpp.stream.ConnectionLimiter;

/** Closes a connection at once when its address (IPv6: its /64) already holds its share of connections. */
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
        String address = AddressKey.of(remote.getAddress().getHostAddress());
        if (!limiter.tryAcquire(address)) {
            log.debug("HTTPS connection from {} refused: too many from that address", address);
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
