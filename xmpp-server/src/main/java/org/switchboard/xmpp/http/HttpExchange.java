package org.switchboard.xmpp.http;

import io.netty.handler.codec.http.HttpContent;

/** One request being handled by a route: it receives the body as it arrives. */
public interface HttpExchange {

    /** An exchange that ignores the body (GET, OPTIONS, or a request already answered). */
    HttpExchange DISCARD = content -> { };

    /**
     * The next part of the body; the last one is a {@link io.netty.handler.codec.http.LastHttpContent}. The
     * dispatcher releases it after this returns, so keep nothing of it.
     */
    void content(HttpContent content);

    /** The connection closed before the exchange was answered: clean up (e.g. a half-written file). */
    default void aborted() {
    }
}
