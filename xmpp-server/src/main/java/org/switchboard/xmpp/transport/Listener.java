package org.switchboard.xmpp.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.Function;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.XmlLimits;

/** One listening port whose connections each get a new {@link XmppStream}. */
public final class Listener {

    private final Channel channel;

    private Listener(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds and starts accepting.
     *
     * @param directTls TLS from the first byte (XEP-0368) instead of STARTTLS
     * @param inputRate how fast each connection may send ({@link InputRate#UNLIMITED} for none)
     * @param heldBack  called each time a connection goes over that rate
     * @param idle      when a silent connection is told it is quiet, and when it is closed
     * @param active    every live stream is added here and removed when its connection closes
     */
    public static Listener bind(EventLoopGroup boss, EventLoopGroup workers, String address, int port, SslContext sslContext,
                                boolean directTls, XmlLimits limits, InputRate inputRate, Runnable heldBack, IdleTimes idle,
                                Function<StreamTransport, XmppStream> streams, Set<XmppStream> active) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new StreamInitializer(sslContext, directTls, limits, inputRate, heldBack, idle, streams, active))
                .bind(address, port)
                .sync()
                .channel();
        return new Listener(channel);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; connections already accepted go on. */
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
