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
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xml.XmlLimits;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The route to every other server: one {@link OutgoingLink} per pair of (our domain, remote domain), made on the
 * first stanza, holding what waits while it connects. A link that is not usable within the connect timeout bounces
 * what waits with {@code remote-server-timeout}; one that fails (no address answers, TLS or authentication refused)
 * with {@code remote-server-not-found}; a full queue with {@code resource-constraint}. A domain that could not be made
 * usable is not tried again for a while (15 s, doubling to 10 min while it keeps failing): stanzas for it meanwhile are
 * bounced at once, so a dead domain costs no connection attempt per stanza.
 */
final class RemoteDomains implements StanzaRouter, DialbackVerifier, OutgoingLink.Owner {

    private static final Logger log = LoggerFactory.getLogger(RemoteDomains.class);

    private final S2sSettings settings;
    private final PeerPolicy policy;
    private final PeerAddresses addresses;
    private final LocalRouter router;
    private final EventLoopGroup workers;
    private final SslContext tls;
    private final XmlLimits limits;
    private final ConcurrentMap<String, OutgoingLink> links = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Backoff> failing = new ConcurrentHashMap<>();
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

    RemoteDomains(S2sSettings settings, PeerPolicy policy, LocalRouter router, EventLoopGroup workers, SslContext tls, XmlLimits limits) {
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
        String remote = stanza.to().domain();
        Jid from = stanza.from();
        String local = from != null && policy.domains().isLocal(from.domain()) ? from.domain() : policy.domains().serverDomain();
        String refusal = policy.remoteDomains().refusal(remote);
        if (refusal != null) {
            return router.bounce(stanza, StanzaError.NOT_ALLOWED, refusal);
        }
        Backoff backoff = failing.get(remote);
        if (backoff != null && Instant.now().isBefore(backoff.until()) && !links.containsKey(local + ' ' + remote)) {
            return router.bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND,
                    remote + " could not be reached recently; it is tried again after " + backoff.until());
        }
        OutgoingLink link = link(local, remote);
        return switch (link.offer(stanza)) {
            case SENT, QUEUED -> Mono.empty();
            case FULL -> router.bounce(stanza, StanzaError.RESOURCE_CONSTRAINT, "too many stanzas wait for " + remote);
            case GONE -> router.bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "the connection to " + remote + " failed");
        };
    }

    @Override
    public Mono<Boolean> verify(String receiving, String originating, String streamId, String key) {
        if (policy.remoteDomains().refusal(originating) != null) {
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

    @Override
    public void undeliverable(Stanza stanza, StanzaError error, String reason) {
        router.bounce(stanza, error, reason).subscribe(null, e -> log.warn("Bouncing a stanza for {} failed", stanza.to(), e));
    }

    @Override
    public void usable(OutgoingLink link) {
        failing.remove(link.remote());
    }

    @Override
    public void gone(OutgoingLink link, boolean wasUsable) {
        links.remove(link.local() + ' ' + link.remote(), link);
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
