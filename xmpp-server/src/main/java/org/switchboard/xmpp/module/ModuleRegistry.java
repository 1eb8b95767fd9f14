package org.switchboard.xmpp.module;

import java.lang.reflect.Method;
import java.util.ArrayList;
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
import org.switchboard.xmpp.xep.caps.EntityCapabilities;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The loaded modules: dispatches IQs by payload namespace, offers messages and presences to each module
 * in turn, and computes what the server advertises from what the modules declare.
 */
public final class ModuleRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModuleRegistry.class);

    /** What guard answers for a module that failed or completed empty; one shared instance, it is immutable. */
    private static final Mono<Result> INTERNAL_ERROR = Mono.just(Result.error(StanzaError.INTERNAL_SERVER_ERROR));
    private static final Mono<Result> PASS = Mono.just(Result.pass());

    private final List<XmppModule> modules;
    // Only the modules that override the handler: the default answers pass, so offering them a stanza changes
    // nothing but costs a Reactor step per module per stanza (most modules handle IQs only).
    private final List<XmppModule> messageHandlers;
    private final List<XmppModule> presenceHandlers;
    private final List<XmppModule> routedIqHandlers;
    private final List<XmppModule> iqResponseHandlers;
    private final List<XmppModule> presenceDecorators;
    private final Map<String, XmppModule> iqHandlers = new HashMap<>();
    private final Set<String> features = new LinkedHashSet<>();
    private final Set<Identity> identities = new LinkedHashSet<>();
    private final List<Element> forms = new ArrayList<>();
    private final Set<String> items = new LinkedHashSet<>();
    private final Set<String> accountFeatures = new LinkedHashSet<>();
    private final String capsVer;

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
            forms.addAll(module.discoForms());
            items.addAll(module.discoItems());
            accountFeatures.addAll(module.accountFeatures());
        }
        // what modules declare is fixed for the server's life, so the caps hash (XEP-0115) is computed once
        this.capsVer = EntityCapabilities.ver(identities, features, forms);
        this.messageHandlers = overriding(this.modules, "handleMessage");
        this.presenceHandlers = overriding(this.modules, "handlePresence");
        this.routedIqHandlers = overriding(this.modules, "handleRoutedIq");
        this.iqResponseHandlers = overriding(this.modules, "handleIqResponse", Stanza.class, ModuleContext.class);
        this.presenceDecorators = overriding(this.modules, "outgoingPresence", Stanza.class, ModuleContext.class);
    }

    private static List<XmppModule> overriding(List<XmppModule> modules, String handler) {
        return overriding(modules, handler, Stanza.class, Flow.class, ModuleContext.class);
    }

    private static List<XmppModule> overriding(List<XmppModule> modules, String handler, Class<?>... parameters) {
        List<XmppModule> result = new ArrayList<>();
        for (XmppModule module : modules) {
            try {
                Method method = module.getClass().getMethod(handler, parameters);
                if (method.getDeclaringClass() != XmppModule.class) {
                    result.add(module);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("XmppModule." + handler + " has changed its signature", e);
            }
        }
        return List.copyOf(result);
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

    /** The XEP-0128 forms of the server's disco#info. */
    public List<Element> forms() {
        return List.copyOf(forms);
    }

    /** The JIDs of the server's disco#items. */
    public Set<String> items() {
        return Set.copyOf(items);
    }

    public Set<String> accountFeatures() {
        return Set.copyOf(accountFeatures);
    }

    /** The XEP-0115 {@code ver} of the server's disco#info (identities, features and forms). */
    public String capsVer() {
        return capsVer;
    }

    /** Tells every module the server has started (in order) or is stopping (in reverse order). */
    public void serverStarted(ModuleContext context) {
        modules.forEach(module -> module.serverStarted(context));
    }

    public void serverStopping() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).serverStopping();
        }
    }

    /**
     * Answers an IQ addressed to the server or to an account. Requests no module handles get
     * {@code service-unavailable} (RFC 6120 section 8.4); results and errors nobody waits for are dropped.
     */
    public Mono<Result> dispatchIq(Stanza iq, ModuleContext context) {
        if (!iq.isIqRequest()) {
            return iqResponseHandlers.isEmpty() ? Mono.just(Result.handled())
                    : Mono.defer(() -> offerResponse(0, iq, context)).map(result -> result.isPass() ? Result.handled() : result);
        }
        Element payload = iq.iqChild();
        XmppModule module = payload == null ? null : iqHandlers.get(payload.namespace());
        if (module == null) {
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
        }
        return guard(module.handleIq(iq, context), module, iq)
                .map(result -> result.isPass() ? Result.error(StanzaError.SERVICE_UNAVAILABLE) : result);
    }

    /**
     * Offers a message, presence or routed IQ to each module in order until one does not pass. Nothing runs before the
     * returned Mono is subscribed, as callers compose it with other steps.
     */
    public Mono<Result> dispatch(Stanza stanza, Flow flow, ModuleContext context) {
        List<XmppModule> handlers = stanza.isMessage() ? messageHandlers : stanza.isIq() ? routedIqHandlers : presenceHandlers;
        return Mono.defer(() -> offer(handlers, 0, stanza, flow, context, null));
    }

    /**
     * Offers the stanza to {@code handlers} from {@code first} on. A module that answers at once
     * ({@code Mono.just}, the usual case) is followed by the next in this loop; only one that answers
     * asynchronously makes the rest wait in a {@code flatMap}. Writes that modules queued as they passed the stanza
     * on ({@code alongside}, null for none) are handed on in a final pass, or awaited before a final decision.
     */
    private static Mono<Result> offer(List<XmppModule> handlers, int first, Stanza stanza, Flow flow, ModuleContext context,
                                      Mono<Void> alongside) {
        Mono<Void> queued = alongside;
        for (int i = first; i < handlers.size(); i++) {
            XmppModule module = handlers.get(i);
            Mono<Result> guarded = guard(handle(module, stanza, flow, context), module, stanza);
            Result now = valueNow(guarded);
            if (now == null) {
                int next = i + 1;
                Mono<Void> before = queued;
                return guarded.flatMap(result -> result.isPass() ? offer(handlers, next, stanza, flow, context, with(before, result))
                        : decided(before, result));
            }
            if (!now.isPass()) {
                return queued == null ? guarded : decided(queued, now);
            }
            queued = with(queued, now);
        }
        return queued == null ? PASS : Mono.just(Result.passAlongside(queued));
    }

    /** The writes queued so far and the one a module passed on with, or null while there are none. */
    private static Mono<Void> with(Mono<Void> queued, Result passed) {
        if (!(passed instanceof Result.Pass pass) || pass == Result.pass()) {
            return queued;
        }
        return queued == null ? pass.alongside() : Mono.when(queued, pass.alongside());
    }

    /** A decision after writes were queued for the stanza: it stands once they have committed. */
    private static Mono<Result> decided(Mono<Void> queued, Result result) {
        return queued == null ? Mono.just(result) : queued.thenReturn(result);
    }

    /**
     * A presence a local session sends, as the modules rewrite it ({@link XmppModule#outgoingPresence}), each in
     * order; a module that fails or answers empty is skipped, with a log line, and the presence goes on as it was.
     */
    public Mono<Stanza> outgoingPresence(Stanza presence, ModuleContext context) {
        Mono<Stanza> decorated = Mono.just(presence);
        for (XmppModule module : presenceDecorators) {
            decorated = decorated.flatMap(before -> Mono.defer(() -> module.outgoingPresence(before, context))
                    .onErrorResume(e -> {
                        log.error("Module {} failed to rewrite a presence; it goes on as it was", module.getClass().getName(), e);
                        return Mono.empty();
                    })
                    .defaultIfEmpty(before));
        }
        return decorated;
    }

    private Mono<Result> offerResponse(int first, Stanza response, ModuleContext context) {
        if (first >= iqResponseHandlers.size()) {
            return PASS;
        }
        XmppModule module = iqResponseHandlers.get(first);
        return guard(module.handleIqResponse(response, context), module, response)
                .flatMap(result -> result.isPass() ? offerResponse(first + 1, response, context) : Mono.just(result));
    }

    private static Mono<Result> handle(XmppModule module, Stanza stanza, Flow flow, ModuleContext context) {
        if (stanza.isMessage()) {
            return module.handleMessage(stanza, flow, context);
        }
        return stanza.isIq() ? module.handleRoutedIq(stanza, flow, context) : module.handlePresence(stanza, flow, context);
    }

    /** The value of a Mono guard has already resolved (never empty, never failing), or null. */
    @SuppressWarnings("unchecked")
    private static Result valueNow(Mono<Result> guarded) {
        if (guarded instanceof Fuseable.ScalarCallable<?> scalar) {
            try {
                return ((Fuseable.ScalarCallable<Result>) scalar).call();
            } catch (Exception e) {
                throw new IllegalStateException("guard left a failing Mono", e);
            }
        }
        return null;
    }

    public Mono<Void> sessionStarted(ModuleContext context) {
        return Flux.fromIterable(modules).concatMap(module -> module.sessionStarted(context)
                .onErrorResume(e -> logged(module, "sessionStarted", e))).then();
    }

    public Mono<Void> sessionEnded(ModuleContext context) {
        return Flux.fromIterable(modules).concatMap(module -> module.sessionEnded(context)
                .onErrorResume(e -> logged(module, "sessionEnded", e))).then();
    }

    /**
     * A module that fails or completes empty answers internal-server-error rather than leaving the sender
     * waiting. A Mono that already holds its outcome (just, empty, error) is settled here without operators.
     */
    private static Mono<Result> guard(Mono<Result> handled, XmppModule module, Stanza stanza) {
        if (handled instanceof Fuseable.ScalarCallable<?> scalar) {
            try {
                return scalar.call() == null ? INTERNAL_ERROR : handled;
            } catch (Exception e) {
                return failed(module, stanza, e);
            }
        }
        return Mono.defer(() -> handled)
                .defaultIfEmpty(Result.error(StanzaError.INTERNAL_SERVER_ERROR))
                .onErrorResume(e -> failed(module, stanza, e));
    }

    private static Mono<Result> failed(XmppModule module, Stanza stanza, Throwable e) {
        log.error("Module {} failed on {}", module.getClass().getSimpleName(), stanza.kind(), e);
        return INTERNAL_ERROR;
    }

    private static Mono<Void> logged(XmppModule module, String hook, Throwable e) {
        Throwable unavailable = Unavailability.cause(e);
        if (unavailable != null) {
            // At shutdown the database goes before the sessions do, and every session's hook fails the same
            // way: one line each, with no stack trace, rather than a hundred lines each.
            log.warn("Module {} could not finish {}: the database is unavailable ({})",
                    module.getClass().getSimpleName(), hook, unavailable.toString());
        } else {
            log.error("Module {} failed in {}", module.getClass().getSimpleName(), hook, e);
        }
        return Mono.empty();
    }
}
