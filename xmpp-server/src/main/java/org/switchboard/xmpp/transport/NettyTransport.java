package org.switchboard.xmpp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.switchboard.xmpp.stanza.SharedStanza;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xml.XmlStreamDecoder;

/** {@link org.switchboard.xmpp.stream.StreamTransport} over a Netty channel carrying the XML stream as bytes (TCP). */
final class NettyTransport extends ChannelTransport {

    /** How long a closing connection waits for the peer to close its side. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final SslContext sslContext;
    private final XmlStreamDecoder decoder;
    private volatile boolean secure;

    NettyTransport(Channel channel, SslContext sslContext, XmlStreamDecoder decoder, boolean secure, ReadGate reading) {
        super(channel, reading);
        this.sslContext = sslContext;
        this.decoder = decoder;
        this.secure = secure;
    }

    @Override
    public void send(String xml) {
        if (peerIsNotReading()) {
            return;
        }
        channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
    }

    @Override
    public void sendSoon(String xml) {
        onLoop(() -> {
            if (!peerIsNotReading()) {
                channel.write(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
                flushSoon();
            }
        });
    }

    /**
     * A copy of a room's message (XEP-0045) goes into the buffer as the bytes its copies share around its own
     * {@code to}: no text per copy, and no re-encoding of the shared part.
     */
    @Override
    public void sendSoon(Stanza stanza) {
        SharedStanza shared = stanza.shared();
        if (shared == null) {
            sendSoon(stanza.toXml());
            return;
        }
        String to = SharedStanza.escapedTo(stanza.element().attribute("to"));
        onLoop(() -> {
            if (!peerIsNotReading()) {
                byte[] head = shared.headUtf8();
                byte[] tail = shared.tailUtf8();
                ByteBuf bytes = channel.alloc().buffer(head.length + ByteBufUtil.utf8MaxBytes(to) + tail.length);
                ByteBufUtil.writeUtf8(bytes.writeBytes(head), to);
                channel.write(bytes.writeBytes(tail), channel.voidPromise());
                flushSoon();
            }
        });
    }

    @Override
    public void startTls() {
        // startTls=true: the next write (<proceed/>) still goes out in plaintext
        SslHandler tls = new SslHandler(sslContext.newEngine(channel.alloc()), true);
        channel.pipeline().addFirst("tls", tls);
        decoder.restart();
        secure = true;
    }

    @Override
    public void restartParser() {
        decoder.restart();
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> closeGracefully());
    }

    /**
     * RFC 6120 section 4.4: the peer gets a moment to read what was sent and to close its side. Closing at once with
     * its bytes still unread here makes the kernel reset the connection, and a peer that was writing at that moment
     * sees the reset instead of the stream error sent just before. So: stop writing (TLS close_notify, then FIN),
     * read and drop whatever still comes, and close when the peer does or after {@link #LINGER}.
     */
    private void closeGracefully() {
        if (!channel.isActive() || channel.pipeline().get(DiscardInput.NAME) != null) {
            return;
        }
        channel.pipeline().addFirst(DiscardInput.NAME, DiscardInput.INSTANCE);
        channel.config().setAutoRead(true);
        channel.read();
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        ChannelFuture outputClosed = tls != null ? tls.closeOutbound() : channel.newSucceededFuture();
        outputClosed.addListener(done -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
            }
        });
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops a closing connection's input unread by the stream, which has ended. */
    @ChannelHandler.Sharable
    private static final class DiscardInput extends ChannelInboundHandlerAdapter {
        static final String NAME = "discard-after-close";
        static final DiscardInput INSTANCE = new DiscardInput();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return PeerChain.of(channel.pipeline().get(SslHandler.class));
    }

}
