package org.switchboard.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xml.StreamEvent;

/**
 * This server's side of a stream it opened to a peer: STARTTLS (required), the peer's certificate judged against
 * its domain, then this server proves its own domain by SASL EXTERNAL when the peer offers it, else by dialback
 * when allowed. Where the peer offers XEP-0288 and its certificate proves its domain, this server asks for a
 * bidirectional stream, and once authenticated the peer's stanzas from its domain to ours may come back over it
 * ({@link OutgoingBidiInput}). Runs on the connection's thread only; tells its {@link OutgoingLink} when the stream is
 * usable, and when it failed and why.
 */
final class OutgoingStream {

    private static final Logger log = LoggerFactory.getLogger(OutgoingStream.class);

    private final OutgoingLink link;
    private final PeerPolicy policy;
    private final OutgoingTransport transport;
    private String streamId;
    private boolean saslDone;
    private boolean authenticating;
    private boolean ready;
    /** Whether the peer's latest features offered XEP-0198 (Prosody does on s2s once the stream is authenticated). */
    private boolean offersAcks;
    /** Stanzas the peer sent on this stream (ignored, but counted for its {@code <r/>}) when it is not bidirectional. */
    private long received;
    /** Set when this server asked for a bidirectional stream (XEP-0288). */
    private OutgoingBidiInput bidi;

    OutgoingStream(OutgoingLink link, PeerPolicy policy, OutgoingTransport transport) {
        this.link = link;
        this.policy = policy;
        this.transport = transport;
    }

    void start() {
        transport.send("<?xml version='1.0'?><stream:stream xmlns='" + Namespaces.SERVER + "' xmlns:stream='" + Namespaces.STREAM
                + "' xmlns:db='" + S2sNamespaces.DIALBACK + "' from='" + link.local() + "' to='" + link.remote()
                + "' version='1.0'>");
    }

    void handle(StreamEvent event) {
        if (event instanceof StreamEvent.Open open) {
            streamId = open.attribute("id");
        } else if (event instanceof StreamEvent.TopLevel top) {
            element(top.element());
        } else if (event instanceof StreamEvent.Violation violation) {
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, "the peer sent bad XML: " + violation.text());
        } else {
            transport.close();
        }
    }

    private void element(Element element) {
        if (element.is("features", Namespaces.STREAM)) {
            features(element);
        } else if (element.is("proceed", Namespaces.TLS)) {
            transport.startTls(this::start);
        } else if (element.is("success", Namespaces.SASL) && authenticating) {
            saslDone = true;
            transport.restartParser();
            start();
        } else if (element.is("failure", Namespaces.SASL) && authenticating) {
            if (policy.allowDialback()) {
                dialback();
            } else {
                fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " did not accept this server's certificate");
            }
        } else if (element.is("result", S2sNamespaces.DIALBACK)) {
            if ("valid".equals(element.attribute("type")) && link.remote().equals(element.attribute("from"))) {
                ready("dialback");
            } else {
                fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " refused this server's dialback key");
            }
        } else if (element.is("verify", S2sNamespaces.DIALBACK)) {
            link.verified(element.attribute("id"), element.attribute("from"), "valid".equals(element.attribute("type")));
        } else if (element.is("a", OutgoingAcks.NAMESPACE)) {
            acknowledged(element.attribute("h"));
        } else if (element.is("r", OutgoingAcks.NAMESPACE) && bidi != null) {
            bidi.ackRequest();
        } else if (element.is("r", OutgoingAcks.NAMESPACE)) {
            transport.send("<a xmlns='" + OutgoingAcks.NAMESPACE + "' h='" + Math.floorMod(received, 1L << 32) + "'/>");
        } else if (element.is("enabled", OutgoingAcks.NAMESPACE)) {
            log.debug("{} acknowledges stanzas from {} (XEP-0198)", link.remote(), link.local());
        } else if (element.is("failed", OutgoingAcks.NAMESPACE)) {
            log.info("{} refused stream management for {}; stanzas go unacknowledged", link.remote(), link.local());
            link.notAcknowledging();
        } else if (element.is("error", Namespaces.STREAM)) {
            String condition = element.firstElement().map(Element::name).orElse("undefined-condition");
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " ended the stream: " + condition);
        } else if (bidi != null && ready) {
            fromPeer(element);
        } else {
            // without XEP-0288 stanzas come over the peer's own connection; this one carries ours only
            received++;
            log.debug("Ignoring <{}> from {} on an outgoing stream", element.name(), link.remote());
        }
    }

    private void features(Element features) {
        if (!transport.isSecure()) {
            if (features.child("starttls", Namespaces.TLS).isPresent()) {
                transport.send("<starttls xmlns='" + Namespaces.TLS + "'/>");
            } else {
                fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " does not offer TLS, which this server requires");
            }
            return;
        }
        link.secured(this);
        offersAcks = features.child("sm", OutgoingAcks.NAMESPACE).isPresent();
        if (saslDone) {
            ready("certificate (SASL EXTERNAL)");
            return;
        }
        if (ready || authenticating) {
            return;
        }
        String problem = policy.certificates().problem(transport.peerCertificates(), link.remote());
        if (problem != null && !policy.allowDialback()) {
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + "'s certificate is not acceptable: " + problem);
            return;
        }
        if (problem == null && features.child("bidi", S2sNamespaces.BIDI_FEATURE).isPresent()) {
            // XEP-0288 section 2: asked for before authenticating; only of a peer whose certificate proves its domain,
            // since nothing else here proves who would then speak for it
            transport.send("<bidi xmlns='" + S2sNamespaces.BIDI + "'/>");
            bidi = new OutgoingBidiInput(link, transport);
        }
        boolean external = features.child("mechanisms", Namespaces.SASL)
                .map(mechanisms -> mechanisms.elements().stream().anyMatch(m -> "EXTERNAL".equals(m.text().trim())))
                .orElse(false);
        authenticating = true;
        if (external) {
            String authzid = Base64.getEncoder().encodeToString(link.local().getBytes(StandardCharsets.UTF_8));
            transport.send("<auth xmlns='" + Namespaces.SASL + "' mechanism='EXTERNAL'>" + authzid + "</auth>");
        } else if (policy.allowDialback()) {
            dialback();
        } else {
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " does not accept this server's certificate (no SASL EXTERNAL)");
        }
    }

    private void dialback() {
        if (streamId == null) {
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, link.remote() + " gave its stream no id, which dialback needs");
            return;
        }
        transport.send(Dialback.result(link.local(), link.remote(), null, policy.keys().key(link.remote(), link.local(), streamId)));
    }

    private void ready(String how) {
        if (!ready) {
            ready = true;
            log.info("Outgoing connection {} -> {} authenticated by {}{}", link.local(), link.remote(), how,
                    offersAcks ? ", with XEP-0198 acknowledgements" : "");
            if (offersAcks) {
                // before the queue goes out, so every stanza on this stream is counted (XEP-0198 section 4)
                transport.send(OutgoingAcks.ENABLE);
                link.acknowledging();
            }
            link.ready(this);
        }
    }

    /** A stanza of the peer's on our bidirectional stream: only from the domain it proved, only to ours of this link. */
    private void fromPeer(Element received) {
        Element element = S2sNamespaces.toClientNamespace(received);
        if (!Stanza.isStanza(element)) {
            streamError("unsupported-stanza-type", "unknown top-level element " + element.name());
            return;
        }
        Jid from = Jid.parseOrNull(element.attribute("from"));
        Jid to = Jid.parseOrNull(element.attribute("to"));
        if (from == null || !from.domain().equals(link.remote())) {
            streamError("invalid-from", "this stream may only carry stanzas from " + link.remote());
        } else if (to == null || !to.domain().equals(link.local())) {
            streamError("host-unknown", "this stream carries stanzas for " + link.local() + " only");
        } else {
            bidi.stanza(new Stanza(element));
        }
    }

    private void acknowledged(String h) {
        try {
            link.acknowledged(Long.parseLong(h == null ? "" : h));
        } catch (NumberFormatException e) {
            streamError("invalid-xml", "an acknowledgement needs a number in 'h'");
        } catch (IllegalArgumentException e) {
            // XEP-0198 section 4: the count is too high; the text says by how much
            streamError("undefined-condition", e.getMessage());
        }
    }

    /** Ends the stream with an error of this server's own (RFC 6120 section 4.9); the link then resends what is unacknowledged. */
    private void streamError(String condition, String text) {
        log.info("Outgoing connection {} -> {} ended: {}", link.local(), link.remote(), text);
        end("<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='"
                + "urn:ietf:params:xml:ns:xmpp-streams'>" + text + "</text></stream:error></stream:stream>");
    }

    private void fail(StanzaError error, String reason) {
        log.info("Outgoing connection {} -> {} failed: {}", link.local(), link.remote(), reason);
        link.failed(error, reason);
        end("</stream:stream>");
    }

    /**
     * Writes the stream's end and closes the connection after whatever is queued for it ({@link #send} queues every
     * stanza): written at once on the connection's thread, the end overtook stanzas queued just before, which the
     * peer then dropped as coming after the stream.
     */
    private void end(String xml) {
        transport.execute(() -> {
            transport.send(xml);
            transport.close();
        });
    }

    /**
     * Writes after whatever is queued on the connection's thread, even from that thread: the link decides under its
     * lock which stanzas XEP-0198 counts in which order, and the peer counts them in the order they arrive.
     */
    void send(String xml) {
        transport.execute(() -> transport.send(xml));
    }

    /** Ends an idle stream: the link stops writing to it first, then the end goes out after what was written. */
    void close() {
        link.ending();
        end("</stream:stream>");
    }
}
