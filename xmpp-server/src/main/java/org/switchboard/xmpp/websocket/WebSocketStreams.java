package org.switchboard.xmpp.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.transport.IdleTimes;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.transport.InputShaper;
import org.switchboard.xmpp.transport.ReadGate;
import org.switchboard.xmpp.transport.StreamChannelHandler;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * Turns an upgraded HTTPS connection into a client stream: the WebSocket codec, then the same input rate,
 * idle timer and stream handler as a TCP client connection, with {@link InboundFraming} where TCP has the
 * XML decoder. The pipeline afterwards: connection count, TLS, rate, WebSocket frames, UTF-8 check, flow
 * control (holds decoded frames while the stream is busy), idle, framing, stream.
 *
 * @param limits   the client XML limits; a single frame may not be larger than one stanza (RFC 6455 close 1009)
 * @param streams  the client stream for a connection: the TCP ports' {@code C2sStream}
 * @param active   every live stream, for shutdown and metrics, shared with the TCP listeners
 */
public record WebSocketStreams(XmlLimits limits, InputRate inputRate, Runnable heldBack, IdleTimes idle,
                               Function<StreamTransport, XmppStream> streams, Set<XmppStream> active) {

    private static final Logger log = LoggerFactory.getLogger(WebSocketStreams.class);

    /** Runs on the connection's event loop once the HTTP handlers have left the pipeline. */
    void upgrade(Channel channel, HttpRequest request) {
        WebSocketDecoderConfig frames = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(limits.maxStanzaBytes())
                .allowExtensions(false) // no permessage-deflate: a compressed frame could inflate past every limit
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(WebSocketRoute.PATH, WebSocketRoute.SUBPROTOCOL, frames);
        FullHttpRequest head = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        handshaker.handshake(channel, head).addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                log.debug("WebSocket handshake with {} failed: {}", channel.remoteAddress(), String.valueOf(done.cause()));
                channel.close();
            }
        });
        // the handshaker put its encoder and decoder where the HTTP codec is; the stream goes behind them
        ChannelPipeline pipeline = channel.pipeline();
        ReadGate reading = new ReadGate(channel);
        if (inputRate.limited()) {
            pipeline.addAfter(pipeline.context(SslHandler.class).name(), "rate",
                    new InputShaper(inputRate, reading, heldBack, System::nanoTime));
        }
        pipeline.addAfter("wsdecoder", "utf8", new Utf8FrameValidator(true));
        pipeline.addLast("idle", new IdleStateHandler(idle.checkEvery().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        InboundFraming framing = new InboundFraming(limits);
        pipeline.addLast("framing", framing);
        WebSocketTransport transport = new WebSocketTransport(channel, framing, reading);
        pipeline.addLast("stream", new StreamChannelHandler(streams.apply(transport), active, idle));
        // the connection was active long before the stream's handler came: start the stream now
        framing.streamReady(pipeline.context(framing));
        reading.busy(false);
    }
}
