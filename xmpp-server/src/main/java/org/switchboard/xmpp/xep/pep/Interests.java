package org.switchboard.xmpp.xep.pep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;

/**
 * Which nodes each available session wants notifications of: the features ending in {@code +notify} of its
 * entity capabilities (XEP-0115, XEP-0163 section 4.2). What a {@code ver} means is learnt once, by asking one
 * session that announced it, and cached when the answer hashes to the {@code ver} (section 5.4); an answer that
 * does not is used for that session only.
 */
final class Interests {

    static final String NOTIFY = "+notify";
    /** Distinct {@code ver}s remembered; clients of one version share one, so a few hundred cover most servers. */
    private static final int MAX_CACHED = 4096;

    private final Map<Jid, Set<String>> bySession = new ConcurrentHashMap<>();
    private final Map<Jid, String> verBySession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byVer = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_CACHED;
        }
    });

    /** The nodes a session asked for, empty when it announced none or its caps are still being asked. */
    Set<String> of(Jid session) {
        return bySession.getOrDefault(session, Set.of());
    }

    boolean wants(Jid session, String node) {
        return of(session).contains(node);
    }

    /** What a cached {@code ver} means, or null when it must be asked. */
    Set<String> cached(String ver) {
        return byVer.get(ver);
    }

    /** The session announced {@code ver}; the interest is known when the ver is cached. */
    void announced(Jid session, String ver) {
        verBySession.put(session, ver);
    }

    String announcedVer(Jid session) {
        return verBySession.get(session);
    }

    void learnt(String ver, Set<String> nodes) {
        byVer.put(ver, nodes);
    }

    void set(Jid session, Set<String> nodes) {
        bySession.put(session, Set.copyOf(nodes));
    }

    void forget(Jid session) {
        bySession.remove(session);
        verBySession.remove(session);
    }

    /** The {@code +notify} nodes of a disco#info answer. */
    static Set<String> nodes(Element discoInfo) {
        Set<String> nodes = new java.util.HashSet<>();
        for (Element feature : discoInfo.elements()) {
            String var = feature.attribute("var");
            if (feature.name().equals("feature") && var != null && var.endsWith(NOTIFY) && var.length() > NOTIFY.length()) {
                nodes.add(var.substring(0, var.length() - NOTIFY.length()));
            }
        }
        return nodes;
    }
}
