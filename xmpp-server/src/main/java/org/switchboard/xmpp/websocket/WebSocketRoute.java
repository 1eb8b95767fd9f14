package org.switchboard.xmpp.websocket;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import org.switchboard.xmpp.http.HttpChannel;
import org.switchboard.xmpp.http.HttpExchange;
import org.switchboard.xmpp.http.HttpRoute;

/**
 * {@code GET /ws} with a WebSocket upgrade (RFC 6455 section 4.2.1) offering the subprotocol {@code xmpp} (RFC
 * 7395 section 3.1). Whatever is not such a request is refused over HTTP with a status and a text saying what
 * was missing, before any WebSocket exists: 426 without an upgrade or with another WebSocket version, 400 without
 * a key or without {@code xmpp} among the offered subprotocols (RFC 6455 section 4.2.2 lets a server refuse
 * the handshake with an HTTP error; a 101 without the subprotocol would leave the client to fail it). Any
 * origin may connect: nothing is authorized by cookies or the origin, a client authenticates with SASL inside
 * the stream.
 */
public final class WebSocketRoute implements HttpRoute {

    public static final String PATH = "/ws";
    static final String SUBPROTOCOL = "xmpp";

    private final WebSocketStreams streams;

    public WebSocketRoute(WebSocketStreams streams) {
        this.streams = streams;
    }

    @Override
    public String prefix() {
        return PATH;
    }

    @Override
    public HttpExchange open(HttpRequest request, HttpChannel channel) {
        String refusal = refusal(request);
        if (refusal != null) {
            HttpResponseStatus status = refusal.startsWith("426") ? HttpResponseStatus.UPGRADE_REQUIRED
                    : refusal.startsWith("404") ? HttpResponseStatus.NOT_FOUND
                    : refusal.startsWith("405") ? HttpResponseStatus.METHOD_NOT_ALLOWED : HttpResponseStatus.BAD_REQUEST;
            FullHttpResponse response = HttpChannel.plain(status, refusal.substring(4));
            if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
                response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                        .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            } else if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
                response.headers().set(HttpHeaderNames.ALLOW, "GET");
            }
            channel.respond(response);
            return HttpExchange.DISCARD;
        }
        channel.switchProtocols(connection -> streams.upgrade(connection, request));
        return HttpExchange.DISCARD;
    }

    /** Why the request cannot become an XMPP WebSocket, as "status text", or null when it can. */
    static String refusal(HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        if (!(query < 0 ? uri : uri.substring(0, query)).equals(PATH)) {
            return "404 nothing here; XMPP over WebSocket is at " + PATH;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return "405 a WebSocket is opened with GET";
        }
        HttpHeaders headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return "426 this is the XMPP over WebSocket endpoint (RFC 7395): connect with a WebSocket client "
                    + "(Upgrade: websocket) and the subprotocol 'xmpp'";
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return "426 only WebSocket version 13 (RFC 6455) is supported";
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || key.isBlank()) {
            return "400 the WebSocket handshake needs a Sec-WebSocket-Key (RFC 6455 section 4.1)";
        }
        boolean xmpp = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(offered -> offered.trim().equals(SUBPROTOCOL));
        if (!xmpp) {
            return "400 the WebSocket subprotocol 'xmpp' is required (Sec-WebSocket-Protocol: xmpp; RFC 7395 section 3.1)";
        }
        return null;
    }
}
