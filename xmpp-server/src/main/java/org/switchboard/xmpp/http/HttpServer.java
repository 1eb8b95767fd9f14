package org.switchboard.xmpp.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import org.switchboard.common.net.ConnectionLimiter;

/** The HTTPS port and its routes (package-info). */
public final class HttpServer {

    private final Channel channel;

    private HttpServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds and starts accepting on the XMPP server's event loops. */
    public static HttpServer bind(EventLoopGroup boss, EventLoopGroup workers, String address, SslContext ssl, HttpSettings settings,
                                  List<HttpRoute> routes) throws InterruptedException {
        ConnectionLimiter perAddress = new ConnectionLimiter(settings.connectionsPerAddress(), HttpSettings.MAX_CONNECTIONS);
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpInitializer(ssl, settings, perAddress, List.copyOf(routes)))
                .bind(address, settings.port())
                .sync()
                .channel();
        return new HttpServer(channel);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; requests in progress finish or end with their connections. */
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
