package org.switchboard.xmpp.sms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Lets a host's session go on to its next stanza while the gateway still commits the last one. A host's
 * requests and answers acknowledge nothing to anyone before their own IQ answer, which is sent only after the
 * commit (host-protocol.md: reports are taken in any order, and the host sends its next incoming text only
 * after the answer to the last), so they need not hold up the session the way a person's message must (ADR
 * 0020). Handled one after another, a host's reports and answers queued behind each other's commits and one
 * host could not carry 10 texts a second (docs/sms-benchmark.md).
 *
 * <p>At most {@link #PER_SESSION} are under way per session; past that the session waits for the work, so a
 * host that floods the gateway is slowed down instead of buffered without bound. Work that passes the work
 * limit is abandoned (the host sends it again, ids deduplicate) so it cannot hold a place for ever.
 */
final class HostPipelines {

    private static final Logger log = LoggerFactory.getLogger(HostPipelines.class);
    /**
     * Above the 512 reports a host core has unanswered plus the answers to the gateway's 256 commands in flight, so
     * the host core's own windows, not this one, set its pace.
     */
    static final int PER_SESSION = 1024;

    private final Duration workLimit;
    private final Scheduler timer;
    private final Map<Jid, Integer> underWay = new ConcurrentHashMap<>();

    /** @param timer where the work limit is timed (a virtual-time scheduler in tests) */
    HostPipelines(Duration workLimit, Scheduler timer) {
        this.workLimit = workLimit;
        this.timer = timer;
    }

    /**
     * Starts the work and completes at once when the session has room, otherwise returns the work itself for
     * the session to wait on.
     */
    Mono<Void> run(Jid session, Mono<Void> work) {
        if (session == null || !admit(session)) {
            return work;
        }
        work.timeout(workLimit, timer)
                .doFinally(signal -> underWay.computeIfPresent(session, (key, count) -> count <= 1 ? null : count - 1))
                .subscribe(null, e -> log.warn("a stanza from SMS host session {} was not handled; the host sends it again", session, e));
        return Mono.empty();
    }

    /** How many of the session's stanzas are being handled without it waiting (for tests). */
    int underWay(Jid session) {
        return underWay.getOrDefault(session, 0);
    }

    private boolean admit(Jid session) {
        boolean[] admitted = {false};
        underWay.compute(session, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= PER_SESSION) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }
}
