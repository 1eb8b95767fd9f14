package org.switchboard.xmpp.s2s;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.xmpp.routing.LocalRouter;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.transport.IdleTimes;
import org.switchboard.xmpp.transport.Listener;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * Federation as one piece the server starts and stops: the two listeners for peers and the route to remote domains
 * that the router uses for every domain that is not local.
 */
public final class S2sService {

    private static final Logger log = LoggerFactory.getLogger(S2sService.class);

    private final S2sSettings settings;
    private final PeerPolicy policy;
    private final LocalRouter router;
    private final PeerMetrics metrics;
    private RemoteDomains remote;
    private Listener starttls;
    private Listener directTls;
    private volatile Set<XmppStream> active;

    /** @param components whether a domain belongs to one of this server's components */
    public S2sService(S2sSettings settings, String serverDomain, Predicate<String> components, LocalRouter router,
                      MeterRegistry meters) {
        this.settings = settings;
        this.router = router;
        this.metrics = new PeerMetrics(meters);
        this.policy = new PeerPolicy(new LocalDomains(serverDomain, components), PeerCertificates.load(settings.trustPem()),
                settings.allowDialback(), new DialbackKeys(settings.dialbackSecret()),
                new DomainPolicy(settings.allow(), settings.deny()));
    }

    /**
     * Follows the domains admins block (ADR 0051): those blocked now are refused from the start (call before
     * {@link #start}), and a block made later closes the domain's connections both ways at once.
     */
    public void follow(BlockedDomains blocks) {
        blocks.changes().subscribe(change -> {
            if (change.blocked()) {
                block(change.domain());
            } else {
                policy.remoteDomains().unblock(change.domain());
                if (remote != null) {
                    remote.unblocked(change.domain());
                }
                log.info("Federation with {} unblocked", change.domain());
            }
        }, e -> log.error("Following blocked domains stopped", e));
        blocks.list().map(BlockedDomains.Block::domain).collectList().blockOptional(Duration.ofSeconds(60))
                .ifPresent(domains -> domains.forEach(policy.remoteDomains()::block));
    }

    private void block(String domain) {
        policy.remoteDomains().block(domain);
        log.info("Federation with {} blocked: its connections are closed", domain);
        if (remote != null) {
            remote.blocked(domain);
        }
        if (active != null) {
            active.stream().filter(InboundStream.class::isInstance).map(InboundStream.class::cast)
                    .forEach(stream -> stream.blocked(domain));
        }
    }

    /** Binds the peer ports and returns the route to remote domains. */
    public StanzaRouter start(EventLoopGroup boss, EventLoopGroup workers, TlsCertificate certificate, String bindAddress,
                              XmlLimits limits, Set<XmppStream> active, Runnable heldBack) throws InterruptedException {
        this.active = active;
        SslContext server = S2sTls.server(certificate);
        // two limits on input: bytes per connection (read more slowly past it), and over all of a domain's connections,
        // their number and its stanza rate (ADR 0053), which also counts its stanzas over our bidirectional streams
        DomainLoad load = new DomainLoad(settings.peerLimits(), System::nanoTime);
        remote = new RemoteDomains(settings, policy, router, workers, S2sTls.client(certificate), limits, metrics, load);
        // and before that, streams that have proved nothing yet, per address (ADR 0054); in all they are bounded by what
        // those addresses may hold, as no peer's domain is known to count them against
        InboundDeps deps = new InboundDeps(policy, remote, router, load, metrics,
                new ConnectionLimiter(settings.peerLimits().unauthenticatedPerAddress(), Integer.MAX_VALUE), remote);
        // a peer's stream may carry only our stanzas (XEP-0288), so what we write keeps it open as what we read does
        IdleTimes idle = IdleTimes.closeAfterNoTrafficEitherWay(settings.idleTimeout());
        starttls = Listener.bind(boss, workers, bindAddress, settings.port(), server, false, limits, settings.inputRate(), heldBack,
                idle, transport -> new InboundStream(transport, deps), active);
        directTls = Listener.bind(boss, workers, bindAddress, settings.directTlsPort(), server, true, limits, settings.inputRate(),
                heldBack, idle, transport -> new InboundStream(transport, deps), active);
        log.info("Federation on {}: s2s {}, direct TLS {}; {}; static hosts {}", bindAddress, starttls.port(), directTls.port(),
                settings.allowDialback() ? "certificates or dialback" : "valid certificates required", settings.hosts().keySet());
        return remote;
    }

    public int port() {
        return starttls.port();
    }

    public int directTlsPort() {
        return directTls.port();
    }

    public void close() {
        if (starttls != null) {
            starttls.close();
        }
        if (directTls != null) {
            directTls.close();
        }
        if (remote != null) {
            remote.close();
        }
    }
}
