package org.switchboard.xmpp.xep.upload;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import org.switchboard.xmpp.http.HttpChannel;
import org.switchboard.xmpp.http.HttpExchange;
import org.switchboard.xmpp.http.HttpRoute;

/**
 * The HTTP side of XEP-0363 (section 6): PUT with the slot's token, GET and HEAD of stored files, and the CORS
 * preflight web clients send first. Every answer allows any origin: a URL is itself the capability, and
 * web clients on other hosts must be able to use it.
 */
final class UploadRoute implements HttpRoute {

    static final String PREFIX = "/upload/";
    static final String BEARER = "Bearer ";
    private static final String METHODS = "GET, HEAD, PUT, OPTIONS";

    private final UploadStore store;
    private final UploadFiles files;
    private final UploadSettings settings;
    private final Clock clock;

    UploadRoute(UploadStore store, UploadFiles files, UploadSettings settings, Clock clock) {
        this.store = store;
        this.files = files;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    static String encode(String filename) {
        return UploadPath.encode(filename);
    }

    @Override
    public HttpExchange open(HttpRequest request, HttpChannel channel) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.OPTIONS)) {
            FullHttpResponse preflight = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            cors(preflight.headers());
            preflight.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type")
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
            channel.respond(preflight);
            return HttpExchange.DISCARD;
        }
        UploadPath path;
        try {
            path = UploadPath.parse(request.uri().substring(PREFIX.length()));
        } catch (UploadPath.Refused refused) {
            channel.respond(withCors(HttpChannel.plain(HttpResponseStatus.BAD_REQUEST, refused.getMessage())));
            return HttpExchange.DISCARD;
        }
        if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
            new Downloads(store, files, clock).serve(request, path, channel);
            return HttpExchange.DISCARD;
        }
        if (method.equals(HttpMethod.PUT)) {
            return PutExchange.start(request, path, channel, store, files, settings, clock);
        }
        FullHttpResponse refused = withCors(HttpChannel.plain(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed here"));
        refused.headers().set(HttpHeaderNames.ALLOW, METHODS);
        channel.respond(refused);
        return HttpExchange.DISCARD;
    }

    static void cors(HttpHeaders headers) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    static FullHttpResponse withCors(FullHttpResponse response) {
        cors(response.headers());
        return response;
    }
}
