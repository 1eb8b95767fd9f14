package org.switchboard.host.mms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which URLs the host downloads media from: https URLs on the server's XMPP domain or one of its subdomains
 * ({@code upload.<domain>}), nothing else, so a gateway (or anyone who got a command to it) cannot make the phone
 * fetch an arbitrary address. A URL on the domain itself is fetched from the address the host dials for XMPP
 * ({@code xmpp_host}), the machine it already trusts; a subdomain is resolved as usual.
 */
public final class MediaSource {

    /** Where to connect for one URL: the name (for SNI and {@code Host}), the address to dial, the port and the path. */
    public record Target(String host, String dial, int port, String path) {
    }

    private final String domain;
    private final String xmppHost;

    public MediaSource(String domain, String xmppHost) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.xmppHost = xmppHost;
    }

    /** Why this URL is refused, or null when it may be fetched. */
    public String refusal(String url) {
        try {
            target(url);
            return null;
        } catch (MediaException e) {
            return e.getMessage();
        }
    }

    public Target target(String url) throws MediaException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new MediaException("media url is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
                || uri.getRawFragment() != null) {
            throw new MediaException("media url must be https without user info or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean own = host.equals(domain);
        if (!own && !host.endsWith("." + domain)) {
            throw new MediaException("media url " + host + " is not the server's own (" + domain + " or a subdomain)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Target(host, own ? xmppHost : host, uri.getPort() < 0 ? 443 : uri.getPort(), path);
    }
}
