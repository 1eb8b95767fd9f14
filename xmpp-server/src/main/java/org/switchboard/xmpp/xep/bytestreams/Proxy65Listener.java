package org.switchboard.xmpp.xep.bytestreams;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.net.ConnectionLimiter;

/** The proxy's SOCKS5 port on the XMPP server's event loops: plain TCP, as XEP-0065 bytestreams are. */
final class Proxy65Listener {

    private static final Logger log = LoggerFactory.getLogger(Proxy65Listener.class);

    private final Channel channel;

    private Proxy65Listener(Channel channel) {
        this.channel = channel;
    }

    static Proxy65Listener bind(EventLoopGroup boss, EventLoopGroup workers, Proxy65Settings settings, StreamPairs pairs)
            throws InterruptedException {
        // a stream is two connections; one more each lets a refused client still be told why
        ConnectionLimiter limiter = new ConnectionLimiter(settings.connectionsPerAddress(), 2 * settings.maxStreams() + 2);
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // reads are asked for one at a time: by the handshake while it needs bytes, by the relay when the
                // peer took the last ones
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        String address = connection.remoteAddress().getAddress().getHostAddress();
                        ConnectionLimiter.Refusal refused = limiter.tryAcquire(address);
                        if (refused != null) {
                            log.debug("SOCKS5 connection from {} refused: {}", address, refused);
                            connection.close();
                            return;
                        }
                        connection.closeFuture().addListener(closed -> limiter.release(address));
                        connection.pipeline().addLast("socks5", new Socks5Handshake(pairs, settings));
                    }
                })
                .bind(settings.bindAddress(), settings.port())
                .sync()
                .channel();
        return new Proxy65Listener(channel);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void close() {
        channel.close().syncUninterruptibly();
    }
}
