package org.switchboard.xmpp.xep.hostmeta;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.switchboard.xmpp.http.HttpChannel;
import org.switchboard.xmpp.http.HttpExchange;
import org.switchboard.xmpp.http.HttpRoute;
import org.switchboard.xmpp.stanza.XmlWriter;

/**
 * Serves the two host-meta documents of XEP-0156 section 3. Both are public facts about the server, so every
 * origin may read them (web clients fetch them from their own origin, XEP-0156 section 3.2 asks for CORS).
 * The URL is known once the listener is bound ({@link #listening}).
 */
public final class HostMetaRoute implements HttpRoute {

    static final String XRD_PATH = "/.well-known/host-meta";
    static final String JSON_PATH = XRD_PATH + ".json";
    public static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";

    private volatile String webSocketUrl;

    @Override
    public String prefix() {
        return XRD_PATH;
    }

    /** @param httpsBaseUrl how clients reach the HTTPS listener, e.g. {@code https://example.com:5443} */
    public void listening(String httpsBaseUrl, String webSocketPath) {
        webSocketUrl = "wss" + httpsBaseUrl.substring("https".length()) + webSocketPath;
    }

    @Override
    public HttpExchange open(HttpRequest request, HttpChannel channel) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        boolean json = path.equals(JSON_PATH);
        if (!json && !path.equals(XRD_PATH)) {
            channel.error(HttpResponseStatus.NOT_FOUND, "nothing here; try " + XRD_PATH + " or " + JSON_PATH);
            return HttpExchange.DISCARD;
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            FullHttpResponse refused = HttpChannel.plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "host-meta is read with GET");
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            channel.respond(refused);
            return HttpExchange.DISCARD;
        }
        byte[] body = (json ? json() : xrd()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, json ? "application/json" : "application/xrd+xml; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.CACHE_CONTROL, "max-age=3600");
        channel.respond(response);
        return HttpExchange.DISCARD;
    }

    String xrd() {
        StringBuilder out = new StringBuilder("<?xml version='1.0' encoding='utf-8'?>\n")
                .append("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='").append(WEBSOCKET_REL).append("' href='");
        XmlWriter.escape(out, webSocketUrl, true);
        return out.append("'/>\n</XRD>\n").toString();
    }

    String json() {
        // the URL is built from a checked https URL (HttpSettings) and a fixed path: no quote or backslash to escape
        return "{\"links\":[{\"rel\":\"" + WEBSOCKET_REL + "\",\"href\":\"" + webSocketUrl + "\"}]}\n";
    }
}
