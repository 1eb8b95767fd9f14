package org.switchboard.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.stream.StreamHeaders;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.publisher.Mono;

/**
 * A stream another server opened to this one (RFC 6120 for servers): STARTTLS (required), then the peer proves
 * its domain by SASL EXTERNAL (offered only when its certificate is valid for the domain its header names) or by
 * XEP-0220 dialback when allowed, and from then on sends stanzas from the domains it proved — anything else is
 * {@code invalid-from}. It also answers dialback verification requests for keys this server made (both in
 * {@link InboundDialback}). Stanzas travel from the peer to here; back to the peer only when it asked for a
 * bidirectional stream (XEP-0288) before it authenticated, else replies go out over this server's own outgoing
 * connection. Once authenticated by SASL EXTERNAL,
 * the peer is offered XEP-0198 ({@link InboundAcks}).
 * Until it proves a domain, the stream holds one of its address's places for unauthenticated streams (ADR 0054); each
 * proved domain takes one of its connections ({@link PeerLimits#maxConnections()}), and each stanza a token of its
 * domain's rate: without one, this stream is not read until the token is due (ADR 0053).
 */
final class InboundStream extends XmppStream {

    private static final Logger log = LoggerFactory.getLogger(InboundStream.class);

    private final PeerPolicy policy;
    private final InboundDialback dialback;
    private final StanzaRouter router;
    private final DomainLoad load;
    private final PeerMetrics metrics;
    private final ConnectionLimiter unauthenticated;
    private final InboundAcks acks = new InboundAcks();
    /** Domains the peer has proved on this stream; it may send stanzas from these only. */
    private final Set<String> proved = new HashSet<>();
    private String localDomain;
    private String peerDomain;
    private String streamId;
    private boolean saslDone;
    private boolean countedUnauthenticated;
    private final InboundBidi bidi;
    private final BidiRoutes bidiRoutes;
    private final CarriedStanzas carried;

    InboundStream(StreamTransport transport, InboundDeps deps) {
        super(transport);
        this.policy = deps.policy();
        this.dialback = new InboundDialback(this, transport, deps.policy(), deps.verifier());
        this.router = deps.router();
        this.load = deps.load();
        this.metrics = deps.metrics();
        this.unauthenticated = deps.unauthenticated();
        this.bidi = new InboundBidi(deps.bidi(), this);
        this.bidiRoutes = deps.bidi();
        this.carried = new CarriedStanzas(transport, deps.bidi().unacknowledgedLimit());
    }

    /** A half-open stream takes a place of its address's until it proves a domain; past the limit it is refused at once. */
    @Override
    public void start() {
        if (unauthenticated.tryAcquire(transport.remoteAddress()) != null) {
            log.info("Peer connection from {} refused: too many unauthenticated ones from that address", transport.remoteAddress());
            metrics.refused(PeerMetrics.UNAUTHENTICATED, "unauthenticated");
            fail(StreamError.POLICY_VIOLATION, "too many connections from your address have not authenticated yet (the limit is "
                    + load.limits().unauthenticatedPerAddress() + ")");
            return;
        }
        countedUnauthenticated = true;
    }

    private void releaseUnauthenticated() {
        if (countedUnauthenticated) {
            countedUnauthenticated = false;
            unauthenticated.release(transport.remoteAddress());
        }
    }

    @Override
    protected String contentNamespace() {
        return Namespaces.SERVER;
    }

    @Override
    protected String serverDomain() {
        return localDomain != null ? localDomain : policy.domains().serverDomain();
    }

    @Override
    protected void onOpen(StreamEvent.Open open) {
        if (!Namespaces.SERVER.equals(open.contentNamespace())) {
            fail(StreamError.INVALID_NAMESPACE, "this port serves " + Namespaces.SERVER + " streams");
            return;
        }
        Jid to = Jid.parseOrNull(open.attribute("to"));
        if (to == null || !to.isDomain() || !policy.domains().isLocal(to.domain())) {
            fail(StreamError.HOST_UNKNOWN, "this server does not serve " + open.attribute("to"));
            return;
        }
        Jid from = Jid.parseOrNull(open.attribute("from"));
        if (from != null && policy.domains().isLocal(from.domain())) {
            fail(StreamError.INVALID_FROM, "a peer cannot speak for " + from.domain() + ", which is this server's");
            return;
        }
        if (from != null && refused(from.domain())) {
            return;
        }
        localDomain = to.domain();
        if (!saslDone) {
            peerDomain = from != null && from.isDomain() ? from.domain() : null;
        }
        streamId = StreamHeaders.newId();
        sendHeader(streamId, peerDomain);
        transport.send(features());
        if (saslDone) {
            // only now: our stanzas must follow the restarted stream's header, never the SASL success before it
            bidi.proved(localDomain, peerDomain);
        }
    }

    private String features() {
        StringBuilder out = new StringBuilder("<stream:features>");
        if (!transport.isSecure()) {
            out.append("<starttls xmlns='").append(Namespaces.TLS).append("'><required/></starttls>");
        } else if (!saslDone) {
            if (peerDomain != null && certificateProblem(peerDomain) == null) {
                out.append("<mechanisms xmlns='").append(Namespaces.SASL).append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
            }
            if (policy.allowDialback()) {
                out.append("<dialback xmlns='").append(S2sNamespaces.DIALBACK_FEATURE).append("'><errors/></dialback>");
            }
            if (proved.isEmpty()) {
                out.append("<bidi xmlns='").append(S2sNamespaces.BIDI_FEATURE).append("'/>");
            }
        } else {
            out.append(InboundAcks.FEATURE);
        }
        return out.append("</stream:features>").toString();
    }

    /** What is wrong with the peer's certificate for {@code domain}, or null when it is valid for it. */
    String certificateProblem(String domain) {
        return policy.certificates().problem(transport.peerCertificates(), domain);
    }

    @Override
    protected void onElement(Element element) {
        if (element.is("starttls", Namespaces.TLS)) {
            startTls();
        } else if (!transport.isSecure()) {
            fail(StreamError.POLICY_VIOLATION, "STARTTLS is required");
        } else if (element.is("auth", Namespaces.SASL)) {
            external(element);
        } else if (element.is("result", S2sNamespaces.DIALBACK)) {
            dialback.result(element);
        } else if (element.is("verify", S2sNamespaces.DIALBACK)) {
            dialback.verify(element);
        } else if (element.is("bidi", S2sNamespaces.BIDI)) {
            if (saslDone || !proved.isEmpty()) {
                fail(StreamError.POLICY_VIOLATION, "<bidi/> must come before authentication (XEP-0288 section 2)");
            } else {
                bidi.request();
            }
        } else if (element.is("a", OutgoingAcks.NAMESPACE)) {
            carried.acknowledged(element.attribute("h"), this::fail);
        } else if (InboundAcks.handles(element)) {
            String answer = acks.answer(element, !proved.isEmpty());
            if (InboundAcks.ENABLED.equals(answer)) {
                carried.enabled(answer);
            } else if (answer != null) {
                // queued like <enabled/>, which an <a/> answering an <r/> read just after it must not overtake
                transport.sendInOrder(answer);
            }
        } else {
            stanza(S2sNamespaces.toClientNamespace(element));
        }
    }

    private void startTls() {
        if (transport.isSecure()) {
            fail(StreamError.POLICY_VIOLATION, "TLS is already in place");
            return;
        }
        // TLS goes under the stream before the answer, which must be the last plaintext (startTls mode)
        transport.startTls();
        transport.send("<proceed xmlns='" + Namespaces.TLS + "'/>");
        expectNewHeader();
    }

    /** RFC 6120 section 6.4 with EXTERNAL (RFC 4422 appendix A): the identity is the certificate's, checked against the header. */
    private void external(Element auth) {
        String authzid = decode(auth.text().trim());
        boolean allowed = !saslDone && "EXTERNAL".equals(auth.attribute("mechanism")) && peerDomain != null
                && authzid != null && (authzid.isEmpty() || authzid.equals(peerDomain)) && certificateProblem(peerDomain) == null;
        if (!allowed) {
            log.info("SASL EXTERNAL from {} ({}) refused", peerDomain, transport.remoteAddress());
            transport.send("<failure xmlns='" + Namespaces.SASL + "'><not-authorized/></failure>");
            return;
        }
        if (refused(peerDomain) || !admitted(peerDomain)) {
            return;
        }
        saslDone = true;
        log.info("Peer {} authenticated by certificate (SASL EXTERNAL) from {}", peerDomain, transport.remoteAddress());
        transport.send("<success xmlns='" + Namespaces.SASL + "'/>");
        transport.restartParser();
        expectNewHeader();
    }

    private static String decode(String text) {
        if (text.isEmpty() || "=".equals(text)) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code claimed} is proved (by certificate or dialback) and admitted: the peer may send stanzas from it. */
    void accepted(String local, String claimed, String how) {
        if (!proved.contains(claimed) && !admitted(claimed)) {
            return;
        }
        log.info("Peer {} authenticated by {} from {}", claimed, how, transport.remoteAddress());
        transport.send(Dialback.result(local, claimed, "valid", null));
        bidi.proved(local, claimed);
    }

    /**
     * XEP-0288: writes a stanza of ours to the peer over its own stream; returns its size as serialized, or -1 when the
     * caller must take another route ({@link CarriedStanzas}). Safe from any thread.
     */
    int carry(OutgoingLink.Sent sent) {
        return carried.carry(sent);
    }

    private void stanza(Element element) {
        if (proved.isEmpty()) {
            fail(StreamError.NOT_AUTHORIZED, "authenticate before sending stanzas");
            return;
        }
        if (!Stanza.isStanza(element)) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown top-level element " + element.name());
            return;
        }
        Jid from = Jid.parseOrNull(element.attribute("from"));
        if (from == null || !proved.contains(from.domain())) {
            log.warn("Peer {} from {} sent a stanza from {}, which it has not authenticated", proved, transport.remoteAddress(),
                    element.attribute("from"));
            fail(StreamError.INVALID_FROM, "this stream may only carry stanzas from " + String.join(", ", proved));
            return;
        }
        Jid to = Jid.parseOrNull(element.attribute("to"));
        if (to == null) {
            fail(StreamError.IMPROPER_ADDRESSING, "stanzas between servers need a valid 'to'");
            return;
        }
        if (!policy.domains().isLocal(to.domain())) {
            fail(StreamError.HOST_UNKNOWN, "this server does not relay to " + to.domain());
            return;
        }
        Stanza stanza = new Stanza(element);
        acks.handled();
        metrics.stanza(from.domain(), "in", XmlWriter.toXml(element, Namespaces.CLIENT).length());
        long wait = load.stanzaDelayNanos(from.domain());
        if (wait == 0) {
            await(router.route(stanza));
            return;
        }
        // over the domain's rate: this stream is not read until the stanza's token is due (await holds the input)
        metrics.held(from.domain());
        await(Mono.<Void>create(due -> transport.schedule(due::success, Duration.ofNanos(wait)))
                .then(Mono.defer(() -> router.route(stanza))));
    }

    /**
     * Counts this stream as one of {@code domain}'s connections; past the limit the stream ends with
     * {@code policy-violation} and says why.
     */
    private boolean admitted(String domain) {
        if (!load.admitIncoming(domain)) {
            log.info("Peer {} from {} refused: it has {} connections already", domain, transport.remoteAddress(), load.limits().maxConnections());
            metrics.refused(domain, "connections");
            fail(StreamError.POLICY_VIOLATION, domain + " has " + load.limits().maxConnections()
                    + " connections to this server already, which is the limit per domain");
            return false;
        }
        proved.add(domain);
        releaseUnauthenticated();
        metrics.opened(domain, "in");
        return true;
    }

    /** Ends the stream with {@code policy-violation} when this server does not federate with {@code domain}. */
    boolean refused(String domain) {
        String refusal = policy.remoteDomains().refusal(domain);
        if (refusal == null) {
            return false;
        }
        log.info("Peer {} from {} refused: {}", domain, transport.remoteAddress(), refusal);
        metrics.refused(domain, "policy");
        fail(StreamError.POLICY_VIOLATION, refusal);
        return true;
    }

    /** An admin blocked {@code domain}: the stream ends at once if it speaks for it. */
    void blocked(String domain) {
        execute(() -> {
            if (!isClosed() && (proved.contains(domain) || domain.equals(peerDomain))) {
                refused(domain);
            }
        });
    }

    /** The id of the stream's current header, which dialback keys are made for. */
    String streamId() {
        return streamId;
    }

    boolean closed() {
        return isClosed();
    }

    @Override
    protected void onTerminated() {
        releaseUnauthenticated();
        bidi.ended();
        List<OutgoingLink.Sent> unacknowledged = carried.ended();
        if (!unacknowledged.isEmpty()) {
            bidiRoutes.unacknowledged(peerDomain != null ? peerDomain : String.join(", ", proved), unacknowledged);
        }
        for (String domain : proved) {
            load.releaseIncoming(domain);
            metrics.closed(domain, "in");
        }
        if (!proved.isEmpty()) {
            log.info("Incoming connection from {} ({}) closed", proved, transport.remoteAddress());
        }
    }
}
