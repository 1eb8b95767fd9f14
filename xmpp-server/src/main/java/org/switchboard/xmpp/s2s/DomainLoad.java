package org.switchboard.xmpp.s2s;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What each remote domain uses now, over all its connections: how many incoming streams have proved it, and its
 * stanza token bucket. A domain's stanzas take a token each; tokens come back at {@link PeerLimits#stanzasPerSecond()}
 * up to the burst. A stanza without a token is not refused: the connection that carried it waits (is not read) until
 * its token is due, so a flood costs this server no more than a peer within its rate, spread over however many
 * connections the peer opens. Safe from any thread.
 */
final class DomainLoad {

    private final PeerLimits limits;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Domain> domains = new ConcurrentHashMap<>();

    private final class Domain {
        int incoming;
        double tokens = limits.stanzaBurst();
        long refilledAt = nanoTime.getAsLong();
    }

    DomainLoad(PeerLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    PeerLimits limits() {
        return limits;
    }

    /** An incoming stream proved {@code domain}: whether it may carry it (false: the domain has its connections already). */
    boolean admitIncoming(String domain) {
        boolean[] admitted = new boolean[1];
        domains.compute(domain, (name, state) -> {
            Domain now = state != null ? state : new Domain();
            if (now.incoming < limits.maxConnections()) {
                now.incoming++;
                admitted[0] = true;
            }
            return now;
        });
        return admitted[0];
    }

    /** An admitted incoming stream for {@code domain} ended. */
    void releaseIncoming(String domain) {
        domains.computeIfPresent(domain, (name, state) -> {
            state.incoming = Math.max(0, state.incoming - 1);
            // a domain with no connections and a full bucket is remembered no longer
            return state.incoming == 0 && refill(state) >= limits.stanzaBurst() ? null : state;
        });
    }

    int incoming(String domain) {
        Domain state = domains.get(domain);
        return state == null ? 0 : state.incoming;
    }

    /**
     * Takes a token for one stanza from {@code domain}; returns how long its connection must wait before the stanza is
     * handled (0: at once). The token is taken even when it is not there yet (a debt), so connections of one domain
     * wait their turns in the order they asked and the domain as a whole keeps to its rate.
     */
    long stanzaDelayNanos(String domain) {
        if (!limits.rateLimited()) {
            return 0;
        }
        long[] wait = new long[1];
        domains.compute(domain, (name, state) -> {
            Domain now = state != null ? state : new Domain();
            now.tokens = refill(now) - 1;
            if (now.tokens < 0) {
                wait[0] = (long) Math.ceil(-now.tokens * TimeUnit.SECONDS.toNanos(1) / limits.stanzasPerSecond());
            }
            return now;
        });
        return wait[0];
    }

    private double refill(Domain state) {
        long now = nanoTime.getAsLong();
        state.tokens = Math.min(limits.stanzaBurst(),
                state.tokens + (now - state.refilledAt) * (double) limits.stanzasPerSecond() / TimeUnit.SECONDS.toNanos(1));
        state.refilledAt = now;
        return state.tokens;
    }
}
