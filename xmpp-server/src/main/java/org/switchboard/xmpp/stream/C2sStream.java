package org.switchboard.xmpp.stream;

import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.sasl.SaslFailure;
import org.switchboard.xmpp.sasl.SaslNegotiator;
import org.switchboard.xmpp.sasl.SaslStep;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stanza.XmlWriter;
import org.switchboard.xmpp.xep.caps.EntityCapabilities;
import org.switchboard.xmpp.xep.csi.ClientStateFilter;
import org.switchboard.xmpp.xep.register.InBandRegistration;
import org.switchboard.xmpp.xep.register.RegistrationModule;
import org.switchboard.xmpp.xep.sm.SmElements;
import org.switchboard.xmpp.xep.sm.StreamManagement;
import org.switchboard.xmpp.xml.StreamEvent;
import reactor.core.publisher.Mono;

/**
 * A client-to-server stream (RFC 6120): header, STARTTLS, SASL, resource binding, then stanzas. Each
 * restart (after TLS and after SASL) gets a new header and the features of the next step.
 */
public final class C2sStream extends XmppStream {

    private static final Logger log = LoggerFactory.getLogger(C2sStream.class);
    /** RFC 6120 section 6.4.5 asks for a bounded number of retries before the stream is closed. */
    private static final int MAX_SASL_ATTEMPTS = 3;

    private final StreamDependencies deps;
    private boolean countedAsUnauthenticated;
    /** Cancels the negotiation deadline once authenticated. */
    private Runnable negotiationDeadline = () -> { };
    private SaslNegotiator sasl;
    private int saslFailures;
    private String authenticated;
    /** Binding, stream management, client state and pings: there once authenticated. */
    private SessionControl control;

    public C2sStream(StreamTransport transport, StreamDependencies deps) {
        super(transport);
        this.deps = deps;
    }

    @Override
    protected String contentNamespace() {
        return Namespaces.CLIENT;
    }

    @Override
    protected String serverDomain() {
        return deps.domain();
    }

    @Override
    public void start() {
        ConnectionLimiter.Refusal refusal = deps.limiter().tryAcquire(transport.remoteAddress());
        if (refusal != null) {
            deps.metrics().refused(refusal.name());
            fail(StreamError.POLICY_VIOLATION, refusal == ConnectionLimiter.Refusal.PER_ADDRESS
                    ? "too many unauthenticated connections from your address" : "too many unauthenticated connections");
            return;
        }
        countedAsUnauthenticated = true;
        // input resets the idle timer, so a client trickling bytes would otherwise stay unauthenticated for ever
        negotiationDeadline = transport.schedule(this::negotiationExpired, deps.negotiationTimeout());
    }

    private void negotiationExpired() {
        if (authenticated == null && countedAsUnauthenticated) {
            deps.metrics().refused("NEGOTIATION_TIMEOUT");
            fail(StreamError.CONNECTION_TIMEOUT, "TLS and authentication were not finished within "
                    + deps.negotiationTimeout().toSeconds() + " s");
        }
    }

    @Override
    protected void onOpen(StreamEvent.Open open) {
        if (!Namespaces.CLIENT.equals(open.contentNamespace())) {
            fail(StreamError.INVALID_NAMESPACE, "this port serves jabber:client streams");
            return;
        }
        String to = open.attribute("to");
        Jid toJid = Jid.parseOrNull(to);
        sendHeader(StreamHeaders.newId(), open.attribute("from"));
        if (to != null && (toJid == null || !toJid.isDomain() || !toJid.domain().equals(deps.domain()))) {
            fail(StreamError.HOST_UNKNOWN, "this server serves " + deps.domain());
            return;
        }
        if (!"1.0".equals(open.attribute("version"))) {
            fail(StreamError.UNSUPPORTED_VERSION, "XMPP 1.0 is required");
            return;
        }
        StringBuilder xml = new StringBuilder("<stream:features>");
        features().elements().forEach(feature -> XmlWriter.write(xml, feature, null));
        transport.send(xml.append("</stream:features>").toString());
    }

    private Element features() {
        ElementBuilder features = Element.builder("features", Namespaces.STREAM);
        if (authenticated != null) {
            features.child(Element.of("bind", Namespaces.BIND));
            features.child(Element.builder("session", Namespaces.SESSION).child(Element.of("optional", Namespaces.SESSION)).build());
            if (rosterLoaded()) {
                // the roster and presence modules implement both; a client only uses them when they are advertised
                features.child(Element.of("ver", Namespaces.ROSTER_VERSIONING));
                features.child(Element.of("sub", Namespaces.PRE_APPROVAL));
            }
            // XEP-0115 section 6.3: the server's own caps, so a client can skip asking for its disco#info
            features.child(EntityCapabilities.element(deps.modules().capsVer()));
            return features.child(SmElements.feature()).child(ClientStateFilter.feature()).build();
        }
        if (!transport.isSecure()) {
            ElementBuilder starttls = Element.builder("starttls", Namespaces.TLS);
            if (deps.starttlsRequired()) {
                starttls.child(Element.of("required", Namespaces.TLS));
                return features.child(starttls.build()).build();
            }
            features.child(starttls.build());
        }
        ElementBuilder mechanisms = Element.builder("mechanisms", Namespaces.SASL);
        negotiator().mechanisms().forEach(name -> mechanisms.textChild("mechanism", name));
        features.child(mechanisms.build());
        if (deps.registration().isOpen()) {
            features.child(Element.of("register", InBandRegistration.STREAM_FEATURE));
        }
        return features.build();
    }

    private boolean rosterLoaded() {
        return deps.modules().modules().stream().anyMatch(module -> module.iqNamespaces().contains(RosterItem.NAMESPACE));
    }

    @Override
    protected void onElement(Element element) {
        if (element.is("starttls", Namespaces.TLS)) {
            startTls();
        } else if (Namespaces.SASL.equals(element.namespace())) {
            sasl(element);
        } else if (element.is("r", SmElements.NAMESPACE) && control != null) {
            // answered once every stanza before it is handled, so <a h/> still counts all of them; the stanzas after
            // it need not wait for that (ADR 0025): clients ask after every message
            awaitInOrder(Mono.empty(), () -> control.streamManagement(element));
        } else if (StreamManagement.handles(element) && control != null) {
            control.streamManagement(element);
        } else if (ClientStateFilter.NAMESPACE.equals(element.namespace()) && control != null) {
            control.clientState(element);
        } else if (authenticated == null && isRegistrationRequest(element)) {
            register(new Stanza(element));
        } else if (authenticated == null) {
            fail(deps.starttlsRequired() && !transport.isSecure() ? StreamError.POLICY_VIOLATION : StreamError.NOT_AUTHORIZED,
                    deps.starttlsRequired() && !transport.isSecure() ? "STARTTLS is required" : "authenticate first");
        } else if (!Stanza.isStanza(element)) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown top-level element " + element.name());
        } else if (control.session() == null) {
            control.bind(new Stanza(element));
        } else {
            stanza(new Stanza(element));
        }
    }

    /**
     * XEP-0077 section 3.1.1: a client without an account asks for one on the stream it will then
     * authenticate on. Not before TLS when TLS is required, because the request carries the password.
     */
    private boolean isRegistrationRequest(Element element) {
        if (!element.is("iq", Namespaces.CLIENT) || (deps.starttlsRequired() && !transport.isSecure())) {
            return false;
        }
        Stanza iq = new Stanza(element);
        String to = element.attribute("to");
        return ("get".equals(iq.type()) || "set".equals(iq.type()))
                && iq.iqChild() != null && iq.iqChild().is("query", RegistrationModule.NAMESPACE)
                && (to == null || to.equals(deps.domain()));
    }

    private void register(Stanza iq) {
        String address = transport.remoteAddress();
        boolean creates = deps.registration().isOpen() && "set".equals(iq.type());
        if (creates && !deps.registrationLimit().tryAcquire(address)) {
            // resource-constraint has type wait: the client may try again later, with the same data
            transport.send(iq.errorReply(StanzaError.RESOURCE_CONSTRAINT,
                    "too many accounts were registered from your address; try again later").toXml());
            return;
        }
        await(deps.registration().answer(iq)
                .onErrorResume(e -> {
                    log.error("In-band registration failed", e);
                    return Mono.just(iq.errorReply(StanzaError.INTERNAL_SERVER_ERROR));
                }), reply -> {
                    if (creates && !"result".equals(reply.type())) {
                        deps.registrationLimit().release(address);
                    } else if (creates) {
                        log.info("{}@{} registered in-band from {}",
                                Localpart.normalizeOrNull(iq.iqChild().childText("username", RegistrationModule.NAMESPACE)),
                                deps.domain(), address);
                    }
                    if (!isClosed()) {
                        transport.send(reply.toXml());
                    }
                });
    }

    private void startTls() {
        if (transport.isSecure() || authenticated != null) {
            fail(StreamError.POLICY_VIOLATION, "TLS is already established");
            return;
        }
        // TLS goes under the stream before the answer, which must be the last plaintext (startTls mode)
        transport.startTls();
        transport.send("<proceed xmlns='" + Namespaces.TLS + "'/>");
        expectNewHeader();
        // mechanisms depend on TLS (PLAIN only over it), so they are worked out afresh
        sasl = null;
    }

    private SaslNegotiator negotiator() {
        if (sasl == null) {
            sasl = new SaslNegotiator(deps.accounts(), deps.guard(), deps.unknownUsers(), deps.domain(),
                    transport.remoteAddress(), transport.isSecure());
        }
        return sasl;
    }

    private void sasl(Element element) {
        if (authenticated != null) {
            fail(StreamError.POLICY_VIOLATION, "already authenticated");
            return;
        }
        if (deps.starttlsRequired() && !transport.isSecure()) {
            fail(StreamError.POLICY_VIOLATION, "STARTTLS is required before authentication");
            return;
        }
        switch (element.name()) {
            case "auth" -> {
                byte[] initial;
                try {
                    initial = decode(element.text(), true);
                } catch (IllegalArgumentException e) {
                    answer(new SaslStep.Failure(SaslFailure.INCORRECT_ENCODING, "not base64"));
                    return;
                }
                await(unavailableAsTemporary(negotiator().start(element.attribute("mechanism"), initial)), this::answer);
            }
            case "response" -> {
                try {
                    await(unavailableAsTemporary(negotiator().respond(decode(element.text(), false))), this::answer);
                } catch (IllegalArgumentException e) {
                    answer(new SaslStep.Failure(SaslFailure.INCORRECT_ENCODING, "not base64"));
                }
            }
            case "abort" -> answer(new SaslStep.Failure(SaslFailure.ABORTED, null));
            default -> fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown SASL element " + element.name());
        }
    }

    /** A database that cannot be reached is the server's problem, not a wrong password (RFC 6120 section 6.5.13). */
    private static Mono<SaslStep> unavailableAsTemporary(Mono<SaslStep> step) {
        return step.onErrorResume(e -> {
            log.error("Authentication could not be checked", e);
            return Mono.just(new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, "authentication is unavailable right now"));
        });
    }

    /** Text of auth/response: absent means no data (null for auth), "=" means empty (RFC 6120 section 6.4.2). */
    private static byte[] decode(String text, boolean absentIsNull) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return absentIsNull ? null : new byte[0];
        }
        return trimmed.equals("=") ? new byte[0] : Base64.getDecoder().decode(trimmed);
    }

    private void answer(SaslStep step) {
        if (isClosed()) {
            return;
        }
        if (step instanceof SaslStep.Challenge challenge) {
            transport.send("<challenge xmlns='" + Namespaces.SASL + "'>" + encode(challenge.data()) + "</challenge>");
        } else if (step instanceof SaslStep.Success success) {
            deps.metrics().authenticated();
            authenticated = success.localpart();
            control = new SessionControl(this, transport, deps, authenticated);
            releaseUnauthenticatedPermit();
            // no additional data: an empty element, not "=" (RFC 6120 section 6.4.6)
            transport.send(success.additionalData().length == 0 ? "<success xmlns='" + Namespaces.SASL + "'/>"
                    : "<success xmlns='" + Namespaces.SASL + "'>" + encode(success.additionalData()) + "</success>");
            transport.restartParser();
            expectNewHeader();
            log.info("{}@{} authenticated from {}", authenticated, deps.domain(), transport.remoteAddress());
        } else if (step instanceof SaslStep.Failure failure) {
            deps.metrics().authFailed();
            StringBuilder xml = new StringBuilder("<failure xmlns='" + Namespaces.SASL + "'><").append(failure.condition().condition()).append("/>");
            if (failure.text() != null) {
                xml.append("<text xml:lang='en'>").append(XmlWriter.escape(failure.text())).append("</text>");
            }
            transport.send(xml.append("</failure>").toString());
            if (++saslFailures >= MAX_SASL_ATTEMPTS) {
                fail(StreamError.POLICY_VIOLATION, "too many failed authentication attempts");
            }
        }
    }

    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    private void stanza(Stanza stanza) {
        Jid own = control.session().jid();
        String from = stanza.element().attribute("from");
        if (from != null) {
            Jid claimed = Jid.parseOrNull(from);
            if (claimed == null || !(claimed.equals(own) || claimed.equals(own.bare()))) {
                fail(StreamError.INVALID_FROM, "'from' must be your own address");
                return;
            }
        }
        if (control.isPingAnswer(stanza)) {
            return;
        }
        deps.metrics().received(stanza);
        Mono<Void> handling = deps.clientStanzas().fromClient(stanza, control.session());
        if (stanza.isMessage()) {
            // a message may let the next ones start once only its ordered write is left (ADR 0025); it is
            // counted for stream management once it and every stanza before it are done
            awaitInOrder(handling, control::handledOne);
        } else {
            await(control.counted(handling));
        }
    }

    /**
     * A client's messages may be handled while the writes of the messages before them commit (a burst to an
     * offline contact): they are written in order and counted in order. A request for an acknowledgement
     * ({@code <r/>}) takes its place among them and is answered once they are settled. Anything else (IQs,
     * presence, the rest of stream management, the stream's end) waits until those writes are done, so an answer
     * or an acknowledgement never comes before a message sent ahead of it is safe.
     */
    @Override
    protected boolean mayOvertakeWrites(StreamEvent event) {
        return event instanceof StreamEvent.TopLevel top && control != null && control.session() != null
                && (top.element().is("message", Namespaces.CLIENT) || top.element().is("r", SmElements.NAMESPACE));
    }

    @Override
    protected void onQuiet() {
        if (control != null) {
            control.quiet();
        }
    }

    @Override
    protected void onTerminated() {
        releaseUnauthenticatedPermit();
        if (control != null) {
            control.terminated(endedOnPurpose());
        }
    }

    private void releaseUnauthenticatedPermit() {
        negotiationDeadline.run();
        if (countedAsUnauthenticated) {
            countedAsUnauthenticated = false;
            deps.limiter().release(transport.remoteAddress());
        }
    }
}
