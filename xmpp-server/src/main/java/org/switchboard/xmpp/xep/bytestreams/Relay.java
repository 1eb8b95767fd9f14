package org.switchboard.xmpp.xep.bytestreams;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of an activated stream: what this connection reads is written to its peer. The next read is asked
 * for only once the peer has taken the last one (and the {@link RelayRate} allows), so a slow receiver slows the
 * sender through TCP instead of filling the proxy's memory. Either side closing or failing, or the stream moving
 * nothing either way for the idle timeout ({@link StreamActivity}), ends both.
 */
final class Relay extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final Channel peer;
    private final RelayRate rate;
    private final StreamActivity activity;
    private final Duration idleTimeout;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> idleCheck;

    Relay(Channel peer, RelayRate rate, StreamActivity activity, Duration idleTimeout) {
        this.peer = peer;
        this.rate = rate;
        this.activity = activity;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
    }

    /** Relays what the client sent before the activation, then reads on. */
    void start(ByteBuf ahead) {
        // checked twice per timeout, so a quiet stream goes after between one and one and a half timeouts
        long every = Math.max(idleTimeout.toNanos() / 2, 1);
        idleCheck = ctx.executor().scheduleAtFixedRate(() -> {
            if (activity.idleFor(idleTimeout.toNanos())) {
                log.debug("Bytestream from {} idle for {}; closed", ctx.channel().remoteAddress(), idleTimeout);
                ctx.close();
            }
        }, every, every, TimeUnit.NANOSECONDS);
        if (ahead != null && ahead.isReadable()) {
            forward(ahead);
        } else {
            if (ahead != null) {
                ahead.release();
            }
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            forward(bytes);
        } else {
            ReferenceCountUtil.release(msg);
            context.read();
        }
    }

    private void forward(ByteBuf bytes) {
        activity.moved();
        long wait = rate.take(bytes.readableBytes());
        peer.writeAndFlush(bytes).addListener(written -> {
            activity.moved();
            if (!written.isSuccess()) {
                ctx.close();
            } else if (wait > 0) {
                activity.holdStarted();
                ctx.executor().schedule(() -> {
                    activity.holdEnded();
                    ctx.read();
                }, wait, TimeUnit.NANOSECONDS);
            } else {
                ctx.read();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        // what was already written to the peer reaches it before its connection closes
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("Bytestream from {} failed", context.channel().remoteAddress(), cause);
        context.close();
    }
}
