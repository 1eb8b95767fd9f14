package org.switchboard.xmpp.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamDecoder;

/** Assembles one connection's pipeline; the same shape serves c2s, direct TLS and component ports. */
final class StreamInitializer extends ChannelInitializer<SocketChannel> {

    private final SslContext sslContext;
    private final boolean directTls;
    private final XmlLimits limits;
    private final InputRate inputRate;
    private final Runnable heldBack;
    private final IdleTimes idle;
    private final Function<StreamTransport, XmppStream> streams;
    private final Set<XmppStream> active;

    StreamInitializer(SslContext sslContext, boolean directTls, XmlLimits limits, InputRate inputRate, Runnable heldBack,
                      IdleTimes idle, Function<StreamTransport, XmppStream> streams, Set<XmppStream> active) {
        this.inputRate = inputRate;
        this.heldBack = heldBack;
        this.sslContext = sslContext;
        this.directTls = directTls;
        this.limits = limits;
        this.idle = idle;
        this.streams = streams;
        this.active = active;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64 * 1024, 256 * 1024));
        XmlStreamDecoder decoder = new XmlStreamDecoder(limits);
        ReadGate reading = new ReadGate(channel);
        NettyTransport transport = new NettyTransport(channel, sslContext, decoder, directTls, reading);
        if (directTls) {
            // XEP-0368: TLS from the first byte
            channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc()));
        }
        if (inputRate.limited()) {
            // after TLS (STARTTLS puts its handler first), so it counts what the parser will see
            channel.pipeline().addLast("rate", new InputShaper(inputRate, reading, heldBack, System::nanoTime));
        }
        // input of any kind, whitespace keep-alives included, resets the idle timer; for peer servers output too
        long every = idle.checkEvery().toMillis();
        channel.pipeline().addLast("idle", idle.writesCount() ? new IdleStateHandler(0, 0, every, TimeUnit.MILLISECONDS)
                : new IdleStateHandler(every, 0, 0, TimeUnit.MILLISECONDS));
        // bytes to stream events, with the hard limits
        channel.pipeline().addLast("xml", decoder);
        // stream events to the protocol state machine
        channel.pipeline().addLast("stream", new StreamChannelHandler(streams.apply(transport), active, idle));
    }
}
