package org.switchboard.xmpp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a client to its {@link InputRate}: every byte read takes a token, tokens come back at the rate up
 * to the burst, and a connection in debt is not read from until the debt is paid. A flood from one
 * account (an open registration makes accounts cheap) then costs the server no more than a client within
 * its rate. Sits after TLS, so it counts what the XML parser will see.
 */
public final class InputShaper extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InputShaper.class);

    private final InputRate rate;
    private final ReadGate gate;
    private final Runnable heldBack;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;
    private boolean waiting;

    /** @param heldBack called each time a connection goes over its rate (for a meter) */
    public InputShaper(InputRate rate, ReadGate gate, Runnable heldBack, LongSupplier nanoTime) {
        this.rate = rate;
        this.gate = gate;
        this.heldBack = heldBack;
        this.nanoTime = nanoTime;
        this.tokens = rate.burstBytes();
        this.refilledAt = nanoTime.getAsLong();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            refill();
            tokens -= bytes.readableBytes();
            if (tokens < 0 && !waiting) {
                log.debug("Connection from {} is over its input rate; reading waits", ctx.channel().remoteAddress());
                waiting = true;
                heldBack.run();
                gate.overRate(true);
                waitForTokens(ctx);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void waitForTokens(ChannelHandlerContext ctx) {
        long nanos = (long) Math.ceil(-tokens * TimeUnit.SECONDS.toNanos(1) / rate.bytesPerSecond());
        ctx.executor().schedule(() -> {
            refill();
            if (tokens < 0) {
                waitForTokens(ctx);
            } else {
                waiting = false;
                gate.overRate(false);
            }
        }, Math.max(nanos, 1), TimeUnit.NANOSECONDS);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(rate.burstBytes(), tokens + (now - refilledAt) * (double) rate.bytesPerSecond() / TimeUnit.SECONDS.toNanos(1));
        refilledAt = now;
    }
}
