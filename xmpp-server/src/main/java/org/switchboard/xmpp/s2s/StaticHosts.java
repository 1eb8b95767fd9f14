package org.switchboard.xmpp.s2s;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;

/**
 * Parses {@code SWITCHBOARD_XMPP_S2S_HOSTS}: {@code domain=host:port,domain=host:port} (an IPv6 host in brackets).
 * Tests and private networks reach peers through it instead of DNS.
 */
public final class StaticHosts {

    private StaticHosts() {
    }

    public static Map<String, HostAndPort> parse(String variable, String value) {
        Map<String, HostAndPort> hosts = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return hosts;
        }
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(variable + " must be a list of domain=host:port, separated by commas; got '" + entry + "'");
            }
            String domain;
            try {
                domain = Jid.domainJid(entry.substring(0, equals).trim().toLowerCase(Locale.ROOT)).domain();
            } catch (JidFormatException e) {
                throw new IllegalArgumentException(variable + ": '" + entry.substring(0, equals).trim() + "' is not a domain");
            }
            if (hosts.put(domain, hostAndPort(variable, entry.substring(equals + 1).trim())) != null) {
                throw new IllegalArgumentException(variable + " lists " + domain + " twice");
            }
        }
        return hosts;
    }

    private static HostAndPort hostAndPort(String variable, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(variable + ": '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(variable + ": an IPv6 address goes in brackets, as in [::1]:5269; got '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + ": '" + text.substring(colon + 1) + "' is not a port number");
        }
        try {
            return new HostAndPort(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage());
        }
    }
}
