package org.switchboard.xmpp.s2s;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.transport.PeerChain;
import org.switchboard.xmpp.xml.StreamEvent;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamDecoder;

/**
 * One outgoing TCP connection to a peer, on the server's event loops: (direct TLS) → idle timer → XML decoder with
 * the same limits as every stream → the {@link OutgoingStream}.
 */
final class OutgoingConnection extends ChannelInboundHandlerAdapter implements OutgoingTransport {

    private static final Logger log = LoggerFactory.getLogger(OutgoingConnection.class);

    private final SslContext tls;
    private final PeerTarget target;
    private final String remoteDomain;
    private final XmlStreamDecoder decoder;
    private final OutgoingStream stream;
    private Channel channel;
    private boolean secure;

    private OutgoingConnection(SslContext tls, PeerTarget target, OutgoingLink link, PeerPolicy policy, XmlLimits limits) {
        this.tls = tls;
        this.target = target;
        this.remoteDomain = link.remote();
        this.decoder = new XmlStreamDecoder(limits);
        this.stream = new OutgoingStream(link, policy, this);
    }

    /** Connects; the returned future fails when the TCP connection cannot be made. */
    static ChannelFuture open(EventLoopGroup workers, SslContext tls, PeerTarget target, OutgoingLink link, PeerPolicy policy,
                              XmlLimits limits, Duration connectTimeout, Duration idleTimeout) {
        OutgoingConnection connection = new OutgoingConnection(tls, target, link, policy, limits);
        ChannelFuture connecting = new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connection.channel = channel;
                        if (target.directTls()) {
                            // XEP-0368: TLS from the first byte, named for the peer's domain (SNI)
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), link.remote(), target.port()));
                            connection.secure = true;
                        }
                        // no traffic either way for this long: the connection is closed, the next stanza makes a new one
                        channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
                        channel.pipeline().addLast("xml", connection.decoder);
                        channel.pipeline().addLast("s2s", connection);
                    }
                })
                .connect(target.host(), target.port());
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                connecting.channel().closeFuture().addListener(closed -> link.closed());
                link.closeWith(() -> connecting.channel().close());
            }
        });
        return connecting;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SslHandler handler = ctx.pipeline().get(SslHandler.class);
        if (handler == null) {
            stream.start();
        } else {
            handler.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    stream.start();
                } else {
                    log.info("TLS with {} at {} failed: {}", remoteDomain, target, done.cause().toString());
                    ctx.close();
                }
            });
        }
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
            stream.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            log.debug("Connection to {} at {} failed: {}", remoteDomain, target, cause.toString());
        } else {
            // a fault of ours, not the network's: worth its stack trace
            log.warn("Connection to {} at {} closed after an error", remoteDomain, target, cause);
        }
        ctx.close();
    }

    @Override
    public void send(String xml) {
        channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
    }

    @Override
    public void startTls(Runnable then) {
        SslHandler handler = tls.newHandler(channel.alloc(), remoteDomain, target.port());
        channel.pipeline().addFirst("tls", handler);
        decoder.restart();
        secure = true;
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                then.run();
            } else {
                log.info("TLS with {} at {} failed: {}", remoteDomain, target, done.cause().toString());
                channel.close();
            }
        });
    }

    @Override
    public void restartParser() {
        decoder.restart();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return PeerChain.of(channel.pipeline().get(SslHandler.class));
    }

    @Override
    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public void close() {
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(written -> channel.close());
    }
}
