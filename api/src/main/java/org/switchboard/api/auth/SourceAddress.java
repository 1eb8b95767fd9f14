package org.switchboard.api.auth;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/** The client address used for rate limits and lockouts: the TCP peer (proxy headers are not trusted). */
public final class SourceAddress {

    private SourceAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        return remote.getAddress().getHostAddress();
    }
}
