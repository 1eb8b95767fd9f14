package org.switchboard.xmpp.s2s;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.routing.LocalRouter;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.xml.XmlLimits;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The route to every other server: one {@link OutgoingLink} per pair of (our domain, remote domain), made on the
 * first stanza, holding what waits while it connects. A link that is not usable within the connect timeout bounces
 * what waits with {@code remote-server-timeout}; one that fails (no address answers, TLS or authentication refused)
 * with {@code remote-server-not-found}; a full queue with {@code resource-constraint}. A domain that could not be made
 * usable is not tried again for a while (15 s, doubling to 10 min while it keeps failing): stanzas for it meanwhile are
 * bounced at once, so a dead domain costs no connection attempt per stanza. Where a peer's own stream to us was asked to
 * go both ways (XEP-0288) and no link of ours exists for the pair, stanzas go back over that stream and no connection is
 * made.
 */
final class RemoteDomains implements StanzaRouter, DialbackVerifier, OutgoingLink.Owner, BidiRoutes {

    private static final Logger log = LoggerFactory.getLogger(RemoteDomains.class);

    private final S2sSettings settings;
    private final PeerPolicy policy;
    private final PeerAddresses addresses;
    private final LocalRouter router;
    private final EventLoopGroup workers;
    private final SslContext tls;
    private final XmlLimits limits;
    private final PeerMetrics metrics;
    private final DomainLoad load;
    private final ConcurrentMap<String, OutgoingLink> links = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Backoff> failing = new ConcurrentHashMap<>();
    /** Peers' bidirectional streams by (our domain, remote domain), the newest for each pair. */
    private final ConcurrentMap<String, InboundStream> bidi = new ConcurrentHashMap<>();
    private volatile boolean closing;

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    /** Until when a remote domain is not tried, and how long the last pause was. */
    private record Backoff(Instant until, Duration pause) {
        Backoff next(Instant now) {
            Duration longer = pause.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : pause.multipliedBy(2);
            return new Backoff(now.plus(longer), longer);
        }
    }

    RemoteDomains(S2sSettings settings, PeerPolicy policy, LocalRouter router, EventLoopGroup workers, SslContext tls, XmlLimits limits,
                  PeerMetrics metrics, DomainLoad load) {
        this.metrics = metrics;
        this.load = load;
        this.settings = settings;
        this.policy = policy;
        this.addresses = new PeerAddresses(settings.hosts());
        this.router = router;
        this.workers = workers;
        this.tls = tls;
        this.limits = limits;
    }

    @Override
    public Mono<Void> route(Stanza stanza) {
        return route(new OutgoingLink.Sent(stanza, false));
    }

    private Mono<Void> route(OutgoingLink.Sent sent) {
        return route(sent, false);
    }

    private Mono<Void> route(OutgoingLink.Sent sent, boolean afterGone) {
        Stanza stanza = sent.stanza();
        String remote = stanza.to().domain();
        Jid from = stanza.from();
        String local = from != null && policy.domains().isLocal(from.domain()) ? from.domain() : policy.domains().serverDomain();
        String refusal = policy.remoteDomains().refusal(remote);
        if (refusal != null) {
            return bounce(stanza, StanzaError.NOT_ALLOWED, refusal);
        }
        Backoff backoff = failing.get(remote);
        if (backoff != null && Instant.now().isBefore(backoff.until()) && !links.containsKey(local + ' ' + remote)) {
            return bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND,
                    remote + " could not be reached recently; it is tried again after " + backoff.until());
        }
        InboundStream back = links.containsKey(local + ' ' + remote) ? null : bidi.get(local + ' ' + remote);
        int carried = back == null ? -1 : back.carry(sent);
        if (carried >= 0) {
            metrics.stanza(remote, "out", carried);
            return Mono.empty();
        }
        if (overConnectionLimit(local, remote)) {
            return bounce(stanza, StanzaError.RESOURCE_CONSTRAINT, "this server has " + settings.peerLimits().maxConnections()
                    + " connections to " + remote + " already, which is the limit per domain");
        }
        OutgoingLink link = link(local, remote);
        OutgoingLink.Offer offer = link.offer(sent);
        if (offer == OutgoingLink.Offer.GONE && !afterGone) {
            // the link ended between the lookup and the offer (it leaves the map only after it is marked gone): the
            // stanza takes a new link instead of being bounced for a connection that merely closed
            links.remove(local + ' ' + remote, link);
            return route(sent, true);
        }
        return switch (offer) {
            case SENT, QUEUED -> Mono.empty();
            case FULL -> bounce(stanza, StanzaError.RESOURCE_CONSTRAINT, "too many stanzas wait for " + remote);
            case GONE -> bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "the connection to " + remote + " failed");
        };
    }

    private Mono<Void> bounce(Stanza stanza, StanzaError error, String reason) {
        metrics.bounced(stanza.to().domain(), error.condition());
        return router.bounce(stanza, error, reason);
    }

    /**
     * Whether a new link from {@code local} to {@code remote} would pass the connections allowed per remote domain. There
     * is one link per pair of domains, so only a server with many domains of its own (components) meets this limit.
     */
    private boolean overConnectionLimit(String local, String remote) {
        if (links.containsKey(local + ' ' + remote)) {
            return false;
        }
        long toRemote = links.values().stream().filter(link -> link.remote().equals(remote)).count();
        return toRemote >= settings.peerLimits().maxConnections();
    }

    @Override
    public Mono<Boolean> verify(String receiving, String originating, String streamId, String key) {
        if (policy.remoteDomains().refusal(originating) != null || overConnectionLimit(receiving, originating)) {
            return Mono.just(false);
        }
        return link(receiving, originating).verify(streamId, key);
    }

    private OutgoingLink link(String local, String remote) {
        return links.computeIfAbsent(local + ' ' + remote, pair -> connect(new OutgoingLink(local, remote, settings.queueLimit(), this)));
    }

    private OutgoingLink connect(OutgoingLink link) {
        ScheduledFuture<?> timeout = workers.schedule(() -> {
            if (!link.isUsable()) {
                link.failed(StanzaError.REMOTE_SERVER_TIMEOUT, link.remote() + " was not reachable within " + settings.connectTimeout());
            }
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Mono.fromCallable(() -> addresses.lookup(link.remote()))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(targets -> tryNext(link, targets, 0, timeout),
                        e -> link.failed(StanzaError.REMOTE_SERVER_NOT_FOUND, "cannot resolve " + link.remote() + ": " + e.getMessage()));
        return link;
    }

    private void tryNext(OutgoingLink link, List<PeerTarget> targets, int index, ScheduledFuture<?> timeout) {
        if (index >= targets.size()) {
            timeout.cancel(false);
            link.failed(StanzaError.REMOTE_SERVER_NOT_FOUND, "no server of " + link.remote() + " answered");
            return;
        }
        PeerTarget target = targets.get(index);
        log.debug("Connecting {} -> {} at {}", link.local(), link.remote(), target);
        OutgoingConnection.open(workers, tls, target, link, policy, limits, settings.connectTimeout(), settings.idleTimeout())
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        log.info("Cannot connect to {} at {}: {}", link.remote(), target, connected.cause().toString());
                        tryNext(link, targets, index + 1, timeout);
                    }
                });
    }

    /** XEP-0288: a peer's stanza over our stream, counted and slowed like one over its own (ADR 0053). */
    @Override
    public Mono<Void> received(OutgoingLink link, Stanza stanza) {
        String remote = link.remote();
        metrics.stanza(remote, "in", XmlWriter.toXml(stanza.element(), Namespaces.CLIENT).length());
        long wait = load.stanzaDelayNanos(remote);
        if (wait == 0) {
            return router.route(stanza);
        }
        metrics.held(remote);
        return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(() -> router.route(stanza)));
    }

    @Override
    public void opened(String local, String remote, InboundStream stream) {
        bidi.put(local + ' ' + remote, stream);
    }

    @Override
    public void closed(String local, String remote, InboundStream stream) {
        bidi.remove(local + ' ' + remote, stream);
    }

    @Override
    public int unacknowledgedLimit() {
        return settings.queueLimit();
    }

    @Override
    public void undeliverable(Stanza stanza, StanzaError error, String reason) {
        metrics.bounced(stanza.to().domain(), error.condition());
        router.bounce(stanza, error, reason).subscribe(null, e -> log.warn("Bouncing a stanza for {} failed", stanza.to(), e));
    }

    @Override
    public void usable(OutgoingLink link) {
        failing.remove(link.remote());
        metrics.opened(link.remote(), "out");
    }

    @Override
    public void sent(OutgoingLink link, int bytes) {
        metrics.stanza(link.remote(), "out", bytes);
    }

    /**
     * XEP-0198 on s2s: the stream died before the peer acknowledged these; each goes once more over a new connection
     * (stanzas routed meanwhile may overtake them). A stanza already sent twice is bounced: it may be what ends the
     * peer's streams.
     */
    @Override
    public void resend(OutgoingLink link, List<OutgoingLink.Sent> unacknowledged) {
        unacknowledged(link.remote(), unacknowledged);
    }

    /** The same for our stanzas on a peer's bidirectional stream (XEP-0288 with XEP-0198, {@link CarriedStanzas}). */
    @Override
    public void unacknowledged(String remote, List<OutgoingLink.Sent> unacknowledged) {
        log.info("Sending {} stanzas again that {} did not acknowledge before the connection ended", unacknowledged.size(),
                remote);
        for (OutgoingLink.Sent sent : unacknowledged) {
            Mono<Void> again = sent.retried() || closing
                    ? bounce(sent.stanza(), StanzaError.REMOTE_SERVER_NOT_FOUND, "the connection to " + remote
                            + " ended before it acknowledged this stanza" + (closing ? "" : ", twice"))
                    : route(new OutgoingLink.Sent(sent.stanza(), true));
            again.subscribe(null, e -> log.warn("Sending a stanza for {} again failed", sent.stanza().to(), e));
        }
    }

    @Override
    public void gone(OutgoingLink link, boolean wasUsable) {
        links.remove(link.local() + ' ' + link.remote(), link);
        if (wasUsable) {
            metrics.closed(link.remote(), "out");
        }
        if (!wasUsable && !closing) {
            Instant now = Instant.now();
            failing.merge(link.remote(), new Backoff(now.plus(FIRST_BACKOFF), FIRST_BACKOFF), (old, fresh) -> old.next(now));
        }
    }

    /** An admin blocked {@code domain}: connections to it end at once, and what waits for it is bounced. */
    void blocked(String domain) {
        List.copyOf(links.values()).stream().filter(link -> link.remote().equalsIgnoreCase(domain))
                .forEach(link -> link.failed(StanzaError.NOT_ALLOWED, domain + " is blocked by an admin"));
        failing.remove(domain);
    }

    /** A block was lifted: the domain is tried at once, not after a pause from when it was blocked. */
    void unblocked(String domain) {
        failing.remove(domain);
    }

    void close() {
        closing = true;
        List.copyOf(links.values()).forEach(link -> link.failed(StanzaError.REMOTE_SERVER_NOT_FOUND, "the server is shutting down"));
    }
}
