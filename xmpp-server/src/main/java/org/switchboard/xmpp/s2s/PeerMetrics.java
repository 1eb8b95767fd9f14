package org.switchboard.xmpp.s2s;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Federation's meters, tagged by remote domain ({@code domain}) and, where it applies, {@code direction} ({@code in}:
 * from the peer, {@code out}: to it): open connections, stanzas, bytes of stanzas as written, connections refused,
 * stanzas held back by the domain's rate and stanzas bounced. Domains come from the internet, so at most
 * {@link #MAX_DOMAINS} get tags of their own; later ones share {@code domain=other}, and a peer cannot grow the
 * registry without bound.
 */
final class PeerMetrics {

    static final int MAX_DOMAINS = 500;
    static final String OTHER = "other";
    /** For streams refused before they named a domain we could trust; not a domain name, so no peer can collide with it. */
    static final String UNAUTHENTICATED = "(unauthenticated)";

    private final MeterRegistry registry;
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    PeerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private String tag(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (tagged.contains(name)) {
            return name;
        }
        if (tagged.size() >= MAX_DOMAINS) {
            return OTHER;
        }
        tagged.add(name);
        return name;
    }

    /** A connection for {@code domain} is authenticated ({@code in}) or usable ({@code out}); {@link #closed} undoes it. */
    void opened(String domain, String direction) {
        connections(domain, direction).incrementAndGet();
    }

    void closed(String domain, String direction) {
        connections(domain, direction).decrementAndGet();
    }

    private AtomicInteger connections(String domain, String direction) {
        String tag = tag(domain);
        return open.computeIfAbsent(tag + ' ' + direction, key -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("switchboard.xmpp.s2s.connections", count, AtomicInteger::get)
                    .description("authenticated server-to-server connections, by remote domain and direction")
                    .tag("domain", tag).tag("direction", direction).register(registry);
            return count;
        });
    }

    void stanza(String domain, String direction, int bytes) {
        String tag = tag(domain);
        Counter.builder("switchboard.xmpp.s2s.stanzas").description("stanzas exchanged with other servers")
                .tag("domain", tag).tag("direction", direction).register(registry).increment();
        Counter.builder("switchboard.xmpp.s2s.bytes").description("bytes of stanzas exchanged with other servers, as serialized")
                .tag("domain", tag).tag("direction", direction).register(registry).increment(bytes);
    }

    /** A peer's stream ended by this server before it could carry stanzas: {@code policy}, {@code connections},
     * {@code unauthenticated} (too many half-open streams from one address, tagged {@link #UNAUTHENTICATED}). */
    void refused(String domain, String reason) {
        Counter.builder("switchboard.xmpp.s2s.refused").description("peer streams refused, by remote domain and reason")
                .tag("domain", tag(domain)).tag("reason", reason).register(registry).increment();
    }

    /** A stanza from {@code domain} waited for its domain's rate (its connection was not read meanwhile). */
    void held(String domain) {
        Counter.builder("switchboard.xmpp.s2s.held").description("stanzas from other servers that waited for their domain's rate")
                .tag("domain", tag(domain)).register(registry).increment();
    }

    /** A local stanza for {@code domain} was bounced back to its sender with {@code condition}. */
    void bounced(String domain, String condition) {
        Counter.builder("switchboard.xmpp.s2s.bounced").description("stanzas for other servers bounced to their senders")
                .tag("domain", tag(domain)).tag("condition", condition).register(registry).increment();
    }
}
