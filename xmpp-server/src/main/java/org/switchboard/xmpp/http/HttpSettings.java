package org.switchboard.xmpp.http;

import java.net.URI;
import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * Settings of the HTTPS listener. There is no plain-HTTP port: upload URLs are capabilities (whoever has one
 * can fetch the file), so they must never cross the network in clear, and a redirect from port 80/5280
 * would already have leaked the path (ADR 0031).
 *
 * @param port                 HTTPS port ({@code SWITCHBOARD_HTTPS_PORT}, 5443; 0 picks a free one), on the
 *                             client bind address ({@code SWITCHBOARD_XMPP_BIND})
 * @param publicUrl            how clients reach it ({@code SWITCHBOARD_HTTPS_PUBLIC_URL}, e.g.
 *                             {@code https://files.example.com}); null, the default, means
 *                             {@code https://<domain>:<port>}
 * @param connectionsPerAddress open connections one address may hold (IPv6: one /64)
 *                             ({@code SWITCHBOARD_HTTPS_CONNECTIONS_PER_ADDRESS}, 32)
 * @param idleTimeout          a connection that sends and receives nothing this long is closed
 *                             ({@code SWITCHBOARD_HTTPS_IDLE_TIMEOUT_SECONDS}, 60)
 * @param websocket            XMPP over WebSocket at {@code /ws} and its XEP-0156 host-meta ({@code SWITCHBOARD_WEBSOCKET},
 *                             true; ADR 0033)
 */
public record HttpSettings(int port, URI publicUrl, int connectionsPerAddress, Duration idleTimeout, boolean websocket) {

    /** Longest request line (method, target, version); longer ones get 414. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** Open HTTPS connections in all, whatever their addresses. */
    public static final int MAX_CONNECTIONS = 10_000;
    /** Largest header block; larger ones get 431. */
    public static final int MAX_HEADER_BYTES = 8192;

    public static final HttpSettings DEFAULTS = new HttpSettings(5443, null, 32, Duration.ofSeconds(60), true);
    /** A free port, for tests. */
    public static final HttpSettings FREE_PORT = DEFAULTS.withPort(0);

    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SWITCHBOARD_HTTPS_PORT=" + port + " is out of range 0..65535");
        }
        if (publicUrl != null && (!"https".equals(publicUrl.getScheme()) || publicUrl.getHost() == null
                || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("SWITCHBOARD_HTTPS_PUBLIC_URL=" + publicUrl
                    + " must be an https URL without query or fragment, e.g. https://files.example.com");
        }
        if (connectionsPerAddress < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_HTTPS_CONNECTIONS_PER_ADDRESS must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("SWITCHBOARD_HTTPS_IDLE_TIMEOUT_SECONDS must be positive");
        }
    }

    /** With WebSocket on (the default). */
    public HttpSettings(int port, URI publicUrl, int connectionsPerAddress, Duration idleTimeout) {
        this(port, publicUrl, connectionsPerAddress, idleTimeout, true);
    }

    public static HttpSettings from(Environment env) {
        String url = env.string("SWITCHBOARD_HTTPS_PUBLIC_URL", null);
        URI publicUrl;
        try {
            publicUrl = url == null || url.isBlank() ? null : new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("SWITCHBOARD_HTTPS_PUBLIC_URL=" + url + " is not a URL", e);
        }
        return new HttpSettings(env.integer("SWITCHBOARD_HTTPS_PORT", DEFAULTS.port, 0, 65535), publicUrl,
                env.integer("SWITCHBOARD_HTTPS_CONNECTIONS_PER_ADDRESS", DEFAULTS.connectionsPerAddress, 1, 100_000),
                env.seconds("SWITCHBOARD_HTTPS_IDLE_TIMEOUT_SECONDS", DEFAULTS.idleTimeout),
                env.bool("SWITCHBOARD_WEBSOCKET", DEFAULTS.websocket));
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(newPort, publicUrl, connectionsPerAddress, idleTimeout, websocket);
    }

    public HttpSettings withConnectionsPerAddress(int perAddress) {
        return new HttpSettings(port, publicUrl, perAddress, idleTimeout, websocket);
    }

    public HttpSettings withWebSocket(boolean on) {
        return new HttpSettings(port, publicUrl, connectionsPerAddress, idleTimeout, on);
    }

    /** The base URL clients use, without a trailing slash, once the listener's port is known. */
    public String baseUrl(String domain, int boundPort) {
        return publicUrl != null ? publicUrl.toString() : "https://" + domain + ":" + boundPort;
    }
}
