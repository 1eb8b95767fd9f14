package org.switchboard.xmpp.xep.contact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.switchboard.common.config.Environment;

/**
 * The service's contact addresses (XEP-0157 section 2) by kind, e.g. {@code abuse} to
 * {@code [mailto:abuse@example.org, xmpp:abuse@example.org]}. Kinds the operator did not configure are absent.
 */
public record ContactAddresses(Map<String, List<String>> byKind) {

    /** The kinds XEP-0157 registers; each is read from {@code SWITCHBOARD_CONTACT_<KIND>}. */
    public static final List<String> KINDS = List.of("abuse", "admin", "feedback", "sales", "security", "status", "support");

    public static final ContactAddresses NONE = new ContactAddresses(Map.of());

    public ContactAddresses {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byKind.forEach((kind, addresses) -> {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("XEP-0157 has no '" + kind + "' addresses");
            }
            if (!addresses.isEmpty()) {
                copy.put(kind, List.copyOf(addresses));
            }
        });
        byKind = Collections.unmodifiableMap(copy);
    }

    /** Comma-separated URIs such as {@code mailto:abuse@example.org,xmpp:admin@example.org} per kind. */
    public static ContactAddresses from(Environment env) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            String variable = "SWITCHBOARD_CONTACT_" + kind.toUpperCase(Locale.ROOT);
            String value = env.string(variable, null);
            if (value != null && !value.isBlank()) {
                byKind.put(kind, uris(variable, value));
            }
        }
        return new ContactAddresses(byKind);
    }

    public boolean isEmpty() {
        return byKind.isEmpty();
    }

    private static List<String> uris(String variable, String value) {
        List<String> uris = new ArrayList<>();
        for (String part : value.split(",")) {
            String uri = part.trim();
            if (uri.isEmpty()) {
                continue;
            }
            try {
                // the XEP asks for URIs, and a client opens them: a bare address with no scheme would be guessed at
                if (new URI(uri).getScheme() == null) {
                    throw new IllegalArgumentException(variable + ": '" + uri + "' needs a scheme, e.g. mailto: or xmpp:");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(variable + ": '" + uri + "' is not a URI", e);
            }
            uris.add(uri);
        }
        return uris;
    }
}
