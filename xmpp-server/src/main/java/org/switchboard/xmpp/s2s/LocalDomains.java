package org.switchboard.xmpp.s2s;

import java.util.function.Predicate;

/** The domains this server answers for (its own and its components'), which a peer may address and speak to. */
record LocalDomains(String serverDomain, Predicate<String> components) {

    boolean isLocal(String domain) {
        return domain != null && (domain.equals(serverDomain) || components.test(domain));
    }
}
