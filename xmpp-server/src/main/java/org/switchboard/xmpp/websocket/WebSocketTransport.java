package org.switchboard.xmpp.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.transport.ChannelTransport;
import org.switchboard.xmpp.transport.ReadGate;

/**
 * {@link org.switchboard.xmpp.stream.StreamTransport} over a WebSocket: what the stream writes is framed by {@link OutboundFraming} into
 * text messages. TLS is the HTTPS listener's, so the stream is secure from the start and STARTTLS is never
 * offered (RFC 7395 section 3.9 forbids it).
 */
final class WebSocketTransport extends ChannelTransport {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    /** How long a closing connection waits for the client's close frame (RFC 6455 section 7.1.1: the server closes TCP first). */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final InboundFraming inbound;
    /** Used on the event loop only, like the flag below. */
    private final OutboundFraming outbound = new OutboundFraming();
    private boolean closeSent;

    WebSocketTransport(Channel channel, InboundFraming inbound, ReadGate reading) {
        super(channel, reading);
        this.inbound = inbound;
        inbound.transport(this);
    }

    @Override
    public void send(String xml) {
        onLoop(() -> {
            if (write(xml)) {
                channel.flush();
            }
        });
    }

    /** Stanzas delivered in a burst share one flush (one TLS record, one system call), as on TCP. */
    @Override
    public void sendSoon(String xml) {
        onLoop(() -> {
            if (write(xml)) {
                flushSoon();
            }
        });
    }

    private boolean write(String xml) {
        if (closeSent || peerIsNotReading()) {
            return false;
        }
        for (String message : outbound.messages(xml)) {
            channel.write(new TextWebSocketFrame(message), channel.voidPromise());
        }
        return true;
    }

    @Override
    public void startTls() {
        throw new UnsupportedOperationException("a WebSocket stream is under TLS from the start (RFC 7395 section 3.9)");
    }

    @Override
    public void restartParser() {
        inbound.restart();
    }

    /** The stream has ended (its {@code <close/>} is written): close the WebSocket normally. */
    @Override
    public void close() {
        onLoop(() -> closeWebSocket(WebSocketCloseStatus.NORMAL_CLOSURE, null));
    }

    /**
     * Sends a close frame (RFC 6455 section 5.5.1) and ends the connection when the client answers it, or
     * after {@link #LINGER}. Runs on the event loop.
     */
    void closeWebSocket(WebSocketCloseStatus status, String reason) {
        if (closeSent || !channel.isActive()) {
            return;
        }
        closeSent = true;
        if (reason != null) {
            log.debug("Closing WebSocket from {} with {}: {}", remoteAddress(), status.code(), reason);
        }
        channel.writeAndFlush(reason == null ? new CloseWebSocketFrame(status) : new CloseWebSocketFrame(status, reason));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client sent a close frame: answer it (unless it answers ours) and end the connection. */
    void peerClosed(int statusCode) {
        if (closeSent) {
            channel.close();
            return;
        }
        closeSent = true;
        WebSocketCloseStatus echoed = statusCode > 0 && WebSocketCloseStatus.isValidStatusCode(statusCode)
                ? WebSocketCloseStatus.valueOf(statusCode) : WebSocketCloseStatus.NORMAL_CLOSURE;
        channel.writeAndFlush(new CloseWebSocketFrame(echoed)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public boolean isSecure() {
        return true;
    }
}
