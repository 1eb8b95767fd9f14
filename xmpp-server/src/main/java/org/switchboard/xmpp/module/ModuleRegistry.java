package org.switchboard.xmpp.module;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The loaded modules: dispatches IQs by payload namespace, offers messages and presences to each module
 * in turn, and computes what the server advertises from what the modules declare.
 */
public final class ModuleRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModuleRegistry.class);

    private final List<XmppModule> modules;
    private final Map<String, XmppModule> iqHandlers = new HashMap<>();
    private final Set<String> features = new LinkedHashSet<>();
    private final Set<Identity> identities = new LinkedHashSet<>();

    public ModuleRegistry(List<? extends XmppModule> modules) {
        this.modules = List.copyOf(modules);
        for (XmppModule module : this.modules) {
            for (String namespace : module.iqNamespaces()) {
                XmppModule previous = iqHandlers.putIfAbsent(namespace, module);
                if (previous != null) {
                    throw new IllegalArgumentException("IQ namespace " + namespace + " is claimed by both "
                            + previous.getClass().getName() + " and " + module.getClass().getName());
                }
            }
            features.addAll(module.features());
            identities.addAll(module.identities());
        }
    }

    public List<XmppModule> modules() {
        return modules;
    }

    public Set<String> features() {
        return Set.copyOf(features);
    }

    public Set<Identity> identities() {
        return Set.copyOf(identities);
    }

    /**
     * Answers an IQ addressed to the server or to an account. Requests no module handles get
     * {@code service-unavailable} (RFC 6120 section 8.4); results and errors nobody waits for are dropped.
     */
    public Mono<Result> dispatchIq(Stanza iq, ModuleContext context) {
        if (!iq.isIqRequest()) {
            return Mono.just(Result.handled());
        }
        Element payload = iq.iqChild();
        XmppModule module = payload == null ? null : iqHandlers.get(payload.namespace());
        if (module == null) {
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
        }
        return guard(module.handleIq(iq, context), module, iq)
                .map(result -> result.isPass() ? Result.error(StanzaError.SERVICE_UNAVAILABLE) : result);
    }

    /** Offers a message or presence to each module in order until one does not pass. */
    public Mono<Result> dispatch(Stanza stanza, Flow flow, ModuleContext context) {
        Mono<Result> chain = Mono.just(Result.pass());
        for (XmppModule module : modules) {
            chain = chain.flatMap(result -> {
                if (!result.isPass()) {
                    return Mono.just(result);
                }
                Mono<Result> handled = stanza.isMessage()
                        ? module.handleMessage(stanza, flow, context)
                        : module.handlePresence(stanza, flow, context);
                return guard(handled, module, stanza);
            });
        }
        return chain;
    }

    public Mono<Void> sessionStarted(ModuleContext context) {
        return Flux.fromIterable(modules).concatMap(module -> module.sessionStarted(context)
                .onErrorResume(e -> logged(module, "sessionStarted", e))).then();
    }

    public Mono<Void> sessionEnded(ModuleContext context) {
        return Flux.fromIterable(modules).concatMap(module -> module.sessionEnded(context)
                .onErrorResume(e -> logged(module, "sessionEnded", e))).then();
    }

    /** A module that fails or completes empty answers internal-server-error rather than leaving the sender waiting. */
    private static Mono<Result> guard(Mono<Result> handled, XmppModule module, Stanza stanza) {
        return Mono.defer(() -> handled)
                .defaultIfEmpty(Result.error(StanzaError.INTERNAL_SERVER_ERROR))
                .onErrorResume(e -> {
                    log.error("Module {} failed on {}", module.getClass().getSimpleName(), stanza.kind(), e);
                    return Mono.just(Result.error(StanzaError.INTERNAL_SERVER_ERROR));
                });
    }

    private static Mono<Void> logged(XmppModule module, String hook, Throwable e) {
        log.error("Module {} failed in {}", module.getClass().getSimpleName(), hook, e);
        return Mono.empty();
    }
}
