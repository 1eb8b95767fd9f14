package org.switchboard.xmpp.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.PresenceState;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * What happens to a stanza a bound client sends: it is stamped with the session's full JID (RFC 6120
 * section 8.1.2.1), checked, shown to the modules at {@link Flow#OUTBOUND} and routed. A presence is first
 * rewritten by the modules that add to it ({@code XmppModule.outgoingPresence}).
 */
public final class ClientStanzas {

    private static final Logger log = LoggerFactory.getLogger(ClientStanzas.class);

    private final LocalRouter router;
    private final ModuleRegistry modules;
    private final ServerContext context;

    public ClientStanzas(LocalRouter router, ModuleRegistry modules, ServerContext context) {
        this.router = router;
        this.modules = modules;
        this.context = context;
    }

    public Mono<Void> fromClient(Stanza sent, ClientSession session) {
        Stanza stanza = sent.withFrom(session.jid());
        return process(stanza, session).onErrorResume(e -> {
            // one stanza that fails (a database error, a module bug) is bounced; the session goes on
            log.error("Handling a stanza from {} failed", session.jid(), e);
            return router.bounce(stanza, StanzaError.INTERNAL_SERVER_ERROR, null);
        });
    }

    private Mono<Void> process(Stanza stanza, ClientSession session) {
        try {
            stanza.to();
        } catch (JidFormatException e) {
            return router.bounce(stanza, StanzaError.JID_MALFORMED, e.getMessage());
        }
        if (stanza.isIq()) {
            return iq(stanza, session);
        }
        if (stanza.isPresence()) {
            // rewritten by the modules first, so every copy of it (broadcast, probe answers, directed) is the same
            return modules.outgoingPresence(stanza, context.forSession(session.jid())).flatMap(presence -> {
                if (presence.element().attribute("to") == null) {
                    trackPresence(presence, session);
                }
                return dispatch(presence, session);
            });
        }
        return dispatch(stanza, session);
    }

    private Mono<Void> dispatch(Stanza stanza, ClientSession session) {
        return modules.dispatch(stanza, Flow.OUTBOUND, context.forSession(session.jid()))
                .flatMap(result -> result instanceof Result.Pass pass ? pass.goingOn(router.route(stanza)) : router.apply(Mono.just(result), stanza));
    }

    private Mono<Void> iq(Stanza iq, ClientSession session) {
        String type = iq.type();
        boolean request = "get".equals(type) || "set".equals(type);
        if (iq.id() == null || !(request || "result".equals(type) || "error".equals(type))
                || (request && iq.element().elements().size() != 1)) {
            // RFC 6120 section 8.2.3: an id, a known type, and exactly one payload in a request
            return iq.id() == null ? Mono.empty() : router.bounce(iq.withAttribute("type", "get"), StanzaError.BAD_REQUEST, null);
        }
        Element payload = iq.iqChild();
        if (request && payload.is("session", Namespaces.SESSION) && context.addressedToServer(iq)) {
            // legacy session establishment (RFC 3921): nothing to do, sessions exist once bound
            session.deliver(iq.iqResult());
            return Mono.empty();
        }
        if (!addressedToAnother(iq, session)) {
            return router.route(iq);
        }
        return dispatch(iq, session);
    }

    /** An IQ for someone other than the server and the sender's own account travels between two parties. */
    private boolean addressedToAnother(Stanza iq, ClientSession session) {
        return !context.addressedToServer(iq) && !iq.to().bare().equals(session.jid().bare());
    }

    /** Broadcast presence decides whether messages to the bare JID reach this session (RFC 6121 section 8.5). */
    private static void trackPresence(Stanza presence, ClientSession session) {
        String type = presence.type();
        if (type == null) {
            session.presence(new PresenceState(true, priority(presence)));
        } else if ("unavailable".equals(type)) {
            session.presence(PresenceState.UNAVAILABLE);
        }
    }

    private static int priority(Stanza presence) {
        String text = presence.element().childText("priority", Namespaces.CLIENT);
        try {
            return text == null ? 0 : Math.max(-128, Math.min(127, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
