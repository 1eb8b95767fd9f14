package org.switchboard.xmpp.http;

import io.netty.handler.codec.http.HttpRequest;

/**
 * A service on the HTTPS listener, chosen by the start of the request path ({@code /upload/}, {@code /ws},
 * {@code /.well-known/host-meta}). The path it sees is still percent-encoded: decoding is the route's
 * own business, so that an encoded {@code /} or {@code ..} cannot slip past a check made on the raw form.
 */
public interface HttpRoute {

    /** The path prefix served, starting with {@code /}. */
    String prefix();

    /**
     * A request arrived (its head; the body follows through the returned exchange). The route answers
     * through {@code channel} exactly once.
     */
    HttpExchange open(HttpRequest request, HttpChannel channel);
}
