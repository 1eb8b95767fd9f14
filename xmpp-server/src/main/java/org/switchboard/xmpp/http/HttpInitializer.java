package org.switchboard.xmpp.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.switchboard.common.net.ConnectionLimiter;

/** The pipeline of one HTTPS connection. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {

    /** Largest piece of body handed to a route at once; bodies themselves are never gathered in memory. */
    private static final int MAX_CHUNK = 64 * 1024;

    private final SslContext ssl;
    private final HttpSettings settings;
    private final ConnectionLimiter perAddress;
    private final List<HttpRoute> routes;

    HttpInitializer(SslContext ssl, HttpSettings settings, ConnectionLimiter perAddress, List<HttpRoute> routes) {
        this.ssl = ssl;
        this.settings = settings;
        this.perAddress = perAddress;
        this.routes = routes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                // first, so a connection over its address's share is closed before the TLS handshake costs anything
                .addLast(new AddressLimitHandler(perAddress))
                // closes a connection silent in both directions (a slow-loris client, a forgotten keep-alive)
                .addLast(new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(ssl.newHandler(channel.alloc()))
                // limits on the request line and headers; violations become a failed request (414/431/400)
                .addLast(new HttpServerCodec(HttpSettings.MAX_REQUEST_LINE, HttpSettings.MAX_HEADER_BYTES, MAX_CHUNK))
                // holds decoded parts while reading is paused, so pausing really stops the flow
                .addLast(new FlowControlHandler())
                // writes file bodies piece by piece as the socket drains
                .addLast(new ChunkedWriteHandler())
                .addLast(new HttpDispatcher(routes));
    }
}
