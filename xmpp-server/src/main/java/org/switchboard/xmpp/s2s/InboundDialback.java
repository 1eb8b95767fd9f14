package org.switchboard.xmpp.s2s;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stream.StreamTransport;

/**
 * XEP-0220 dialback on a stream another server opened ({@link InboundStream}): a {@code db:result} claims a domain,
 * proved by a certificate valid for it (XEP-0344) or by asking that domain's authoritative server (section 2.3), when
 * dialback is allowed; a {@code db:verify} asks whether this server made a key, which costs no state here.
 */
final class InboundDialback {

    private static final Logger log = LoggerFactory.getLogger(InboundDialback.class);

    private final InboundStream stream;
    private final StreamTransport transport;
    private final PeerPolicy policy;
    private final DialbackVerifier verifier;

    InboundDialback(InboundStream stream, StreamTransport transport, PeerPolicy policy, DialbackVerifier verifier) {
        this.stream = stream;
        this.transport = transport;
        this.policy = policy;
        this.verifier = verifier;
    }

    /** XEP-0220 section 2.2: the peer claims {@code from}; its authoritative server is asked (section 2.3). */
    void result(Element result) {
        Jid from = Jid.parseOrNull(result.attribute("from"));
        Jid to = Jid.parseOrNull(result.attribute("to"));
        if (from == null || !from.isDomain() || to == null || !policy.domains().isLocal(to.domain())) {
            stream.fail(StreamError.IMPROPER_ADDRESSING, "db:result needs the peer's domain in 'from' and one of ours in 'to'");
            return;
        }
        if (result.attribute("type") != null) {
            stream.fail(StreamError.UNSUPPORTED_STANZA_TYPE, "a db:result with a type is an answer; this stream asks no questions");
            return;
        }
        String claimed = from.domain();
        String local = to.domain();
        if (policy.domains().isLocal(claimed)) {
            stream.fail(StreamError.INVALID_FROM, "a peer cannot speak for " + claimed + ", which is this server's");
            return;
        }
        if (stream.refused(claimed)) {
            return;
        }
        if (stream.certificateProblem(claimed) == null) {
            // XEP-0344 section 2.4: a certificate valid for the claimed domain proves it; no call back is needed
            stream.accepted(local, claimed, "certificate");
            return;
        }
        if (!policy.allowDialback()) {
            log.info("Peer {} from {} refused: dialback is off and {}", claimed, transport.remoteAddress(), stream.certificateProblem(claimed));
            stream.fail(StreamError.NOT_AUTHORIZED, "this server requires a certificate valid for " + claimed);
            return;
        }
        String key = result.text().trim();
        verifier.verify(local, claimed, stream.streamId(), key).onErrorReturn(false).subscribe(valid -> stream.execute(() -> {
            if (stream.closed()) {
                return;
            }
            if (!valid) {
                log.info("Peer claiming {} from {} failed dialback", claimed, transport.remoteAddress());
                transport.send(Dialback.result(local, claimed, "invalid", null));
            } else if (!stream.refused(claimed)) { // blocked while the call back was under way
                stream.accepted(local, claimed, "dialback");
            }
        }));
    }

    /** XEP-0220 section 2.3: another server asks whether this one made a key; the answer costs no state here. */
    void verify(Element verify) {
        String receiving = verify.attribute("from");
        String originating = verify.attribute("to");
        if (receiving == null || originating == null || !policy.domains().isLocal(originating)) {
            stream.fail(StreamError.IMPROPER_ADDRESSING, "db:verify needs the asking domain in 'from' and one of ours in 'to'");
            return;
        }
        boolean valid = policy.keys().verify(receiving, originating, verify.attribute("id"), verify.text());
        transport.send(Dialback.verify(originating, receiving, verify.attribute("id"), valid ? "valid" : "invalid", null));
    }
}
