package org.switchboard.xmpp.s2s;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which remote domains this server federates with (issue 16, ADR 0051): the deployment's allow-list (when not empty,
 * only those) and deny-list from the settings, and the domains an admin blocked (stored, and changed at run time
 * through the admin API). Names compare exactly, in lower case: a rule for {@code example.com} says nothing about
 * {@code chat.example.com}, which is a server of its own to XMPP.
 */
final class DomainPolicy {

    private final Set<String> allow;
    private final Set<String> deny;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();

    DomainPolicy(Set<String> allow, Set<String> deny) {
        this.allow = Set.copyOf(allow);
        this.deny = Set.copyOf(deny);
    }

    static DomainPolicy open() {
        return new DomainPolicy(Set.of(), Set.of());
    }

    /** Why this server does not federate with {@code domain}, or null when it does. */
    String refusal(String domain) {
        String name = domain.toLowerCase(java.util.Locale.ROOT);
        if (blocked.contains(name)) {
            return name + " is blocked by an admin";
        }
        if (deny.contains(name)) {
            return name + " is on this server's deny-list";
        }
        if (!allow.isEmpty() && !allow.contains(name)) {
            return name + " is not on this server's allow-list";
        }
        return null;
    }

    void block(String domain) {
        blocked.add(domain.toLowerCase(java.util.Locale.ROOT));
    }

    void unblock(String domain) {
        blocked.remove(domain.toLowerCase(java.util.Locale.ROOT));
    }
}
