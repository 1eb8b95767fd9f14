package org.switchboard.xmpp.routing;

import java.util.List;
import java.util.function.Supplier;
import org.switchboard.common.account.Localpart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.component.ComponentRegistry;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server's router: the server's own domain goes to the modules (IQs by namespace) or to local
 * accounts and sessions; component domains go to their component (in-process ones are waited for);
 * anything else goes to federation ({@link #remote}, ADR 0015) or, when it is off, bounces with
 * {@code remote-server-not-found}.
 */
public final class LocalRouter implements StanzaRouter {

    private static final Logger log = LoggerFactory.getLogger(LocalRouter.class);

    private final String domain;
    private final ModuleRegistry modules;
    private final ComponentRegistry components;
    private final LocalDelivery delivery;
    private ServerContext context;
    private volatile StanzaRouter remote;

    public LocalRouter(String domain, ModuleRegistry modules, ComponentRegistry components, LocalDelivery delivery) {
        this.domain = domain;
        this.modules = modules;
        this.components = components;
        this.delivery = delivery;
    }

    /** Set once at start-up when federation is on: the route to every domain that is not this server's. */
    public void remote(StanzaRouter remoteDomains) {
        this.remote = remoteDomains;
    }

    /** Set once at start-up: the context refers back to this router. */
    public void context(ServerContext serverContext) {
        this.context = serverContext;
    }

    @Override
    public Mono<Void> route(Stanza stanza) {
        Jid to;
        try {
            to = stanza.to();
        } catch (JidFormatException e) {
            return bounce(stanza, StanzaError.JID_MALFORMED, e.getMessage());
        }
        if (to == null) {
            return toOwnAccount(stanza);
        }
        if (to.domain().equals(domain)) {
            if (to.localpart() == null) {
                return toServer(stanza);
            }
            return stanza.isIq() && to.isBare() ? accountIq(stanza, to) : toAccount(stanza, to);
        }
        InternalComponent internal = components.internal(to.domain());
        if (internal != null) {
            // the sender's stanza is handled once the component's work (a commit) is done (ADR 0020)
            return internal.receive(stanza).onErrorResume(e -> {
                log.warn("{} failed on a stanza from {}", internal.domain(), stanza.element().attribute("from"), e);
                return bounce(stanza, StanzaError.INTERNAL_SERVER_ERROR, null);
            });
        }
        if (components.isComponentDomain(to.domain())) {
            return components.deliver(to.domain(), stanza) ? Mono.empty()
                    : bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, to.domain() + " is not connected");
        }
        StanzaRouter federation = remote;
        return federation != null ? federation.route(stanza)
                : bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "no route to " + to.domain());
    }

    /** No {@code to}: addressed to the sender's own account (RFC 6120 section 10.3). */
    private Mono<Void> toOwnAccount(Stanza stanza) {
        Jid from = stanza.from();
        if (from == null || from.localpart() == null || !from.domain().equals(domain)) {
            return toServer(stanza);
        }
        if (stanza.isIq()) {
            return apply(modules.dispatchIq(stanza, contextFor(stanza)), stanza);
        }
        if (stanza.isMessage()) {
            return toAccount(stanza, from.bare());
        }
        // presence without 'to' is a broadcast; the presence module handles it before routing
        return Mono.empty();
    }

    private Mono<Void> toServer(Stanza stanza) {
        if (stanza.isIq()) {
            return apply(modules.dispatchIq(stanza, contextFor(stanza)), stanza);
        }
        return modules.dispatch(stanza, Flow.SERVER, contextFor(stanza)).flatMap(result -> apply(result, stanza));
    }

    /** An IQ to an account's bare JID is answered by the server on the account's behalf (RFC 6121 section 8.5.2.1.3). */
    private Mono<Void> accountIq(Stanza stanza, Jid to) {
        if (!stanza.isIqRequest()) {
            return Mono.empty();
        }
        Jid from = stanza.from();
        boolean own = from != null && from.bare().equals(to);
        if (own) {
            return apply(modules.dispatchIq(stanza, contextFor(stanza)), stanza);
        }
        return accountExists(to).flatMap(found -> found
                ? inboundIq(stanza, () -> apply(modules.dispatchIq(stanza, contextFor(stanza)), stanza))
                : bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null));
    }

    private Mono<Void> toAccount(Stanza stanza, Jid to) {
        if (stanza.isIq()) {
            Supplier<Mono<Void>> deliver = () -> delivery.toFullJid(stanza, to) ? Mono.empty()
                    : stanza.isIqRequest() ? bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null) : Mono.empty();
            Jid from = stanza.from();
            return from != null && from.bare().equals(to.bare()) ? deliver.get() : inboundIq(stanza, deliver);
        }
        return modules.dispatch(stanza, Flow.INBOUND, contextFor(stanza))
                .flatMap(result -> result instanceof Result.Pass pass ? pass.goingOn(deliver(stanza, to)) : apply(result, stanza));
    }

    /** An IQ from someone else to a local account is shown to the modules (blocking) before {@code then}. */
    private Mono<Void> inboundIq(Stanza iq, Supplier<Mono<Void>> then) {
        return modules.dispatch(iq, Flow.INBOUND, contextFor(iq))
                .flatMap(result -> result instanceof Result.Pass pass ? pass.goingOn(then.get()) : apply(result, iq));
    }

    private Mono<Void> deliver(Stanza stanza, Jid to) {
        if (!to.isBare() && delivery.toFullJid(stanza, to)) {
            return Mono.empty();
        }
        if (!to.isBare() && (stanza.isPresence() || "groupchat".equals(stanza.type()))) {
            // RFC 6121 section 8.5.3.2: presence to an unknown resource is dropped, groupchat bounced
            return stanza.isPresence() ? Mono.empty() : bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
        }
        List<ClientSession> recipients = delivery.toBareJid(stanza, to.bare());
        if (!recipients.isEmpty()) {
            return Mono.empty();
        }
        if (stanza.isPresence() || stanza.isError() || "headline".equals(stanza.type())) {
            return Mono.empty();
        }
        // no offline storage in the core: a module at Flow.INBOUND stores messages before this point
        return bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
    }

    private Mono<Boolean> accountExists(Jid jid) {
        String localpart = Localpart.normalizeOrNull(jid.localpart());
        return localpart == null ? Mono.just(false) : context.accounts().find(localpart).hasElement();
    }

    /** Carries out a module's result for {@code stanza}. */
    public Mono<Void> apply(Mono<Result> result, Stanza stanza) {
        return result.flatMap(r -> apply(r, stanza));
    }

    private Mono<Void> apply(Result result, Stanza stanza) {
        if (result instanceof Result.Reply reply) {
            return Flux.fromIterable(reply.stanzas()).concatMap(this::route).then();
        }
        if (result instanceof Result.Failed failed) {
            return bounce(stanza, failed.error(), failed.text());
        }
        return Mono.empty();
    }

    /** Sends the error reply to the sender; errors and IQ results are never answered, to avoid loops. */
    public Mono<Void> bounce(Stanza stanza, StanzaError error, String text) {
        if (stanza.isError() || (stanza.isIq() && !stanza.isIqRequest()) || stanza.element().attribute("from") == null) {
            return Mono.empty();
        }
        Stanza reply = stanza.errorReply(error, text);
        if (reply.element().attribute("from") == null) {
            reply = reply.withFrom(Jid.domainJid(domain));
        }
        return route(reply);
    }

    private ServerContext contextFor(Stanza stanza) {
        Jid from = stanza.from();
        boolean local = from != null && from.domain().equals(domain) && from.resource() != null
                && delivery.isLocalSession(from);
        return context.forSession(local ? from : null);
    }
}
