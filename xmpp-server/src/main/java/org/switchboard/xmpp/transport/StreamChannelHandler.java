package org.switchboard.xmpp.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.StreamEvent;

/** Feeds a connection's stream events, idle timeouts and closing to its {@link XmppStream}. */
final class StreamChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamChannelHandler.class);

    private final XmppStream stream;
    private final Set<XmppStream> active;

    StreamChannelHandler(XmppStream stream, Set<XmppStream> active) {
        this.stream = stream;
        this.active = active;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active.add(stream);
        stream.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamEvent event) {
            stream.handle(event);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            stream.idleTimeout();
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), handshake.cause().getMessage());
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        active.remove(stream);
        stream.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets and TLS alerts are the peer's business; nothing here is worth more than a debug line
        log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
