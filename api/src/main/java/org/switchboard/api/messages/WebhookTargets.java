package org.switchboard.api.messages;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.common.config.Environment;
import org.switchboard.common.net.Cidr;
import org.switchboard.common.net.SpecialAddresses;

/**
 * Where webhooks may be sent: the server makes these requests on a user's behalf, so without this guard a
 * webhook is a way into the server's own network (server-side request forgery). Checked when a webhook is
 * registered and again before every delivery, since what a name resolves to may change after registration.
 * Redirects are never followed ({@link WebhookDelivery}), so the checked address is the one called.
 *
 * @param allowHttp       plain {@code http://} URLs accepted ({@code SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP}, false)
 * @param allowedNetworks networks a webhook may reach although they are not public, e.g. a receiver on the
 *                        operator's LAN ({@code SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS}, comma-separated CIDR, none)
 */
record WebhookTargets(boolean allowHttp, List<Cidr> allowedNetworks) {

    static final int MAX_URL = 2000;
    /** A last label of digits or {@code 0x…}: an IP address written some way other than a dotted quad. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)[0-9]+|0x[0-9a-f]*");

    /**
     * A URL that is refused, with a short machine-readable {@code reason} ({@code scheme}, {@code user-info},
     * {@code ambiguous-address}, {@code unresolvable}, {@code address}, {@code malformed}).
     */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String reason;

        Refused(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    WebhookTargets {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    static WebhookTargets from(Environment env) {
        List<Cidr> allowed = new ArrayList<>();
        for (String network : env.string("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS", "").split(",")) {
            if (!network.isBlank()) {
                try {
                    allowed.add(Cidr.parse(network));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS: " + e.getMessage());
                }
            }
        }
        return new WebhookTargets(env.bool("SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP", false), allowed);
    }

    /** The URL's form alone (no DNS): https (or allowed http), a host, no user info, no fragment, no odd IP forms. */
    URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("malformed", "is required");
        }
        if (url.length() > MAX_URL) {
            throw new Refused("malformed", "is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("malformed", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new Refused("scheme", scheme.equals("http") ? "must use https (this server does not call plain http webhooks)"
                    : "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new Refused("user-info", "must not carry user info (user@host): put credentials in the secret, not the URL");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("malformed", "must not have a fragment");
        }
        // java.net.URI leaves the host null for some numeric forms (0x7f.0.0.1): judge the authority's text then
        String host = uri.getHost() != null ? uri.getHost()
                : uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
        if (host.contains("%")) {
            throw new Refused("ambiguous-address", "must not name an IPv6 zone");
        }
        if (!host.startsWith("[")) {
            String[] labels = host.split("\\.");
            String last = labels.length == 0 ? host : labels[labels.length - 1];
            // 2130706433, 0177.0.0.1, 0x7f.1 and 127.1 all mean 127.0.0.1 to some resolvers and something else
            // (or nothing) to others; only the one form everyone reads alike is accepted
            if (NUMERIC_LABEL.matcher(last).matches() && Cidr.literal(host) == null) {
                throw new Refused("ambiguous-address", "host " + host + " is an IP address in a form resolvers read differently; "
                        + "write it as a dotted quad such as 192.0.2.10");
            }
        }
        if (uri.getHost() == null) {
            throw new Refused("malformed", "must have a host name or address");
        }
        return uri;
    }

    /** Every address the URL's host resolves to must be public or in an allowed network. Blocks on DNS. */
    void checkAddresses(URI uri) {
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("unresolvable", "host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused("unresolvable", "host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
                continue;
            }
            SpecialAddresses.Range range = SpecialAddresses.classify(address);
            if (range != null) {
                throw new Refused("address", "host " + host + " resolves to " + address.getHostAddress() + ", a " + range.reason()
                        + " address (" + range.network() + ") that webhooks may not reach; an operator may allow a network with "
                        + "SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS");
            }
        }
    }

    /** {@link #parse} and {@link #checkAddresses}: the whole check, as made at registration and before each delivery. */
    URI check(String url) {
        URI uri = parse(url);
        checkAddresses(uri);
        return uri;
    }
}
