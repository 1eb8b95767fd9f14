package org.switchboard.xmpp.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.StreamEvent;

/** Feeds a connection's stream events, idle timeouts and closing to its {@link XmppStream}. */
public final class StreamChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamChannelHandler.class);

    private final XmppStream stream;
    private final Set<XmppStream> active;
    private final IdleTimes idle;
    /** How long the connection has been silent, as the idle handler's events add up. */
    private Duration silentFor = Duration.ZERO;

    public StreamChannelHandler(XmppStream stream, Set<XmppStream> active, IdleTimes idle) {
        this.stream = stream;
        this.active = active;
        this.idle = idle;
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
        if (event instanceof IdleStateEvent idleEvent) {
            // the handler fires every checkEvery while nothing is read; "first" means input came since the last one
            silentFor = idleEvent.isFirst() ? idle.checkEvery() : silentFor.plus(idle.checkEvery());
            if (silentFor.compareTo(idle.closeAfter()) >= 0) {
                stream.idleTimeout();
            } else if (silentFor.compareTo(idle.quietAfter()) >= 0) {
                stream.quiet();
            }
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
