package org.switchboard.xmpp.xep.bytestreams;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 side of one proxy connection, as a small state machine: the method greeting (RFC 1928 section 3, only
 * "no authentication" is offered, as XEP-0065 section 5.3.2 allows), the {@code CONNECT} request to a stream hash on
 * port 0 (section 4), then waiting, without reading, for its peer and the activation. Every refusal gets the reply
 * code RFC 1928 section 6 has for it before the connection closes; input that is not SOCKS5 at all is just closed.
 * Reads are requested one at a time (auto-read is off). While it waits the connection is still read, so a client
 * that leaves is noticed at once and its stream's place freed, but only up to {@link #MAX_AHEAD} bytes: what a client
 * sends before the activation is kept for the peer, and beyond that it waits in TCP flow control.
 */
final class Socks5Handshake extends ChannelInboundHandlerAdapter {

    static final byte VERSION = 5;
    static final byte NO_AUTHENTICATION = 0;
    static final byte NO_ACCEPTABLE_METHOD = (byte) 0xFF;
    static final byte CONNECT = 1;
    static final byte DOMAIN_NAME = 3;
    static final byte SUCCEEDED = 0;
    static final byte GENERAL_FAILURE = 1;
    static final byte NOT_ALLOWED = 2;
    static final byte COMMAND_NOT_SUPPORTED = 7;
    static final byte ADDRESS_TYPE_NOT_SUPPORTED = 8;
    /** What a connection may send before its stream is activated, kept to be relayed (one read's worth). */
    static final int MAX_AHEAD = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Socks5Handshake.class);

    private enum State { GREETING, REQUEST, WAITING, RELAYING, REFUSED }

    private final StreamPairs pairs;
    private final Proxy65Settings settings;
    private ByteBuf received;
    private State state = State.GREETING;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;

    Socks5Handshake(StreamPairs pairs, Proxy65Settings settings) {
        this.pairs = pairs;
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
        received = context.alloc().buffer(64);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        // the handshake, the peer's arrival and the initiator's activation all fit in this time, or the connection goes
        deadline = context.executor().schedule(() -> {
            if (state != State.RELAYING) {
                log.debug("SOCKS5 connection from {} not activated within {}; closed", context.channel().remoteAddress(),
                        settings.activationTimeout());
                context.close();
            }
        }, settings.activationTimeout().toNanos(), TimeUnit.NANOSECONDS);
        context.read();
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (state == State.REFUSED || !(msg instanceof ByteBuf bytes)) {
                return;
            }
            received.writeBytes(bytes);
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (state == State.GREETING) {
            greeting(context);
        }
        if (state == State.REQUEST) {
            request(context);
        }
        if (state == State.GREETING || state == State.REQUEST || (state == State.WAITING && received.readableBytes() < MAX_AHEAD)) {
            context.read();
        }
    }

    /** VER, NMETHODS, METHODS (RFC 1928 section 3). */
    private void greeting(ChannelHandlerContext context) {
        if (received.readableBytes() < 2) {
            return;
        }
        int at = received.readerIndex();
        if (received.getByte(at) != VERSION) {
            refuse(context, null, "not SOCKS5 (version " + received.getUnsignedByte(at) + ")");
            return;
        }
        int methods = received.getUnsignedByte(at + 1);
        if (received.readableBytes() < 2 + methods) {
            return;
        }
        boolean anonymous = false;
        for (int i = 0; i < methods; i++) {
            anonymous |= received.getByte(at + 2 + i) == NO_AUTHENTICATION;
        }
        received.skipBytes(2 + methods);
        if (!anonymous) {
            refuse(context, new byte[] {VERSION, NO_ACCEPTABLE_METHOD}, "no acceptable authentication method offered");
            return;
        }
        context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {VERSION, NO_AUTHENTICATION}));
        state = State.REQUEST;
    }

    /** VER, CMD, RSV, ATYP, DST.ADDR, DST.PORT (RFC 1928 section 4), which XEP-0065 fixes to CONNECT, a hash and 0. */
    private void request(ChannelHandlerContext context) {
        if (received.readableBytes() < 5) {
            return;
        }
        int at = received.readerIndex();
        if (received.getByte(at) != VERSION || received.getByte(at + 2) != 0) {
            refuse(context, null, "a malformed SOCKS5 request");
            return;
        }
        if (received.getByte(at + 1) != CONNECT) {
            refuse(context, reply(COMMAND_NOT_SUPPORTED, null), "command " + received.getUnsignedByte(at + 1) + " (only CONNECT)");
            return;
        }
        if (received.getByte(at + 3) != DOMAIN_NAME) {
            refuse(context, reply(ADDRESS_TYPE_NOT_SUPPORTED, null), "address type " + received.getUnsignedByte(at + 3)
                    + " (only a domain name)");
            return;
        }
        int length = received.getUnsignedByte(at + 4);
        if (received.readableBytes() < 5 + length + 2) {
            return;
        }
        byte[] address = new byte[length];
        received.getBytes(at + 5, address);
        int port = received.getUnsignedShort(at + 5 + length);
        received.skipBytes(5 + length + 2);
        StreamHash hash = StreamHash.fromAddress(address);
        if (hash == null || port != 0) {
            refuse(context, reply(NOT_ALLOWED, null), "not a stream hash on port 0 (XEP-0065 section 5.3.2)");
            return;
        }
        StreamPairs.Joined joined = pairs.join(hash, this);
        switch (joined) {
            case FIRST, SECOND -> {
                state = State.WAITING;
                context.writeAndFlush(Unpooled.wrappedBuffer(reply(SUCCEEDED, hash)));
            }
            case TAKEN -> refuse(context, reply(NOT_ALLOWED, null), "stream " + hash.hex() + " already has both parties");
            case FULL -> refuse(context, reply(GENERAL_FAILURE, null), "the proxy holds its most streams ("
                    + settings.maxStreams() + ")");
        }
    }

    /**
     * The reply of RFC 1928 section 6; on success BND.ADDR and BND.PORT repeat the request's, as XEP-0065 section
     * 5.3.2 asks, otherwise they are an empty domain name and port 0.
     */
    private static byte[] reply(byte code, StreamHash hash) {
        byte[] name = hash == null ? new byte[0] : hash.hex().getBytes(StandardCharsets.US_ASCII);
        byte[] reply = new byte[5 + name.length + 2];
        reply[0] = VERSION;
        reply[1] = code;
        reply[3] = DOMAIN_NAME;
        reply[4] = (byte) name.length;
        System.arraycopy(name, 0, reply, 5, name.length);
        return reply;
    }

    private void refuse(ChannelHandlerContext context, byte[] answer, String why) {
        log.debug("SOCKS5 connection from {} refused: {}", context.channel().remoteAddress(), why);
        state = State.REFUSED;
        received.clear();
        if (answer == null) {
            context.close();
        } else {
            context.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** This connection's channel, for its peer to relay to. */
    Channel channel() {
        return ctx.channel();
    }

    /**
     * The stream is activated: from now on this connection's bytes go to {@code peer}. Called from any thread; runs on
     * this connection's event loop. What the client sent ahead of the activation is relayed first.
     */
    void relayTo(Channel peer, StreamActivity activity) {
        ctx.executor().execute(() -> {
            if (state != State.WAITING || !ctx.channel().isActive()) {
                return;
            }
            state = State.RELAYING;
            deadline.cancel(false);
            Relay relay = new Relay(peer, new RelayRate(settings.bytesPerSecond(), System::nanoTime), activity,
                    settings.idleTimeout());
            ByteBuf ahead = received;
            received = null;
            ctx.pipeline().replace(this, "relay", relay);
            relay.start(ahead);
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("SOCKS5 connection from {} failed", context.channel().remoteAddress(), cause);
        context.close();
    }
}
