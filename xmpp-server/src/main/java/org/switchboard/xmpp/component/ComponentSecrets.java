package org.switchboard.xmpp.component;

import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;

/** Parses {@code domain=secret,domain=secret}; a bare name is taken as a subdomain of the server's domain. */
public final class ComponentSecrets {

    private ComponentSecrets() {
    }

    /** @param variable named in error messages; never echoes a secret */
    public static Map<String, String> parse(String variable, String value, String serverDomain) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return secrets;
        }
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException(variable + " must be a list of domain=secret, separated by commas");
            }
            String name = entry.substring(0, equals).trim();
            String domain = name.contains(".") ? name : name + "." + serverDomain;
            try {
                domain = Jid.domainJid(domain).domain();
            } catch (JidFormatException e) {
                throw new IllegalArgumentException(variable + ": '" + name + "' is not a valid component domain");
            }
            if (domain.equals(serverDomain)) {
                throw new IllegalArgumentException(variable + ": a component cannot take the server's own domain " + serverDomain);
            }
            if (secrets.put(domain, entry.substring(equals + 1)) != null) {
                throw new IllegalArgumentException(variable + " lists " + domain + " twice");
            }
        }
        return secrets;
    }
}
