package org.switchboard.xmpp.stream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.SessionTimeouts;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.session.BoundSession;
import org.switchboard.xmpp.session.SessionRegistry;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.xep.sm.Redelivery;
import org.switchboard.xmpp.xep.sm.Resumptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How bound client sessions end, wherever that is decided: their stream closes, their connection is lost
 * without stream management, or a detached session's resume timeout passes (XEP-0198). Whatever the
 * session had not got through to its client is delivered elsewhere exactly once ({@link Redelivery}),
 * then the modules hear of the end (unavailable presence).
 */
public final class SessionKeeper {

    private final SessionRegistry sessions;
    private final ModuleRegistry modules;
    private final ServerContext context;
    private final Redelivery redelivery;
    private final Resumptions resumptions;
    private final SessionTimeouts timeouts;
    /** Endings still storing what their session held: the server waits for them before the database goes. */
    private final Set<Mono<Void>> inFlight = ConcurrentHashMap.newKeySet();

    public SessionKeeper(SessionRegistry sessions, ModuleRegistry modules, ServerContext context, Redelivery redelivery,
                         Resumptions resumptions, SessionTimeouts timeouts) {
        this.sessions = sessions;
        this.modules = modules;
        this.context = context;
        this.redelivery = redelivery;
        this.resumptions = resumptions;
        this.timeouts = timeouts;
    }

    public Resumptions resumptions() {
        return resumptions;
    }

    public SessionTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Ends the session once; safe from any thread, and a second call does nothing. The session stays in the
     * directory, unavailable, until what it had not delivered is delivered elsewhere (stored messages
     * committed): once it is gone from the directory, its messages can be found where they went. The
     * returned Mono is already running; it completes when all that is done.
     */
    public Mono<Void> end(BoundSession session) {
        List<Undelivered> undelivered = session.end(late -> redelivery.redeliver(session, List.of(Undelivered.now(late))).subscribe());
        resumptions.forget(session);
        Mono<Void> ending = redelivery.redeliver(session, undelivered)
                .then(Mono.defer(() -> {
                    // a session replaced by a new one for the same resource is not announced as ended: its JID lives on
                    boolean wasBound = sessions.unbind(session);
                    return wasBound ? modules.sessionEnded(context.forSession(session.jid())) : Mono.<Void>empty();
                }))
                .cache();
        inFlight.add(ending);
        ending.doFinally(signal -> inFlight.remove(ending)).subscribe();
        return ending;
    }

    /** Completes once every ending begun so far has finished, failed ones included. */
    public Mono<Void> settled() {
        return Flux.fromIterable(List.copyOf(inFlight)).flatMap(ending -> ending.onErrorResume(e -> Mono.empty())).then();
    }

    /**
     * The server stops: sessions waiting for resumption end now, so the messages they hold reach offline
     * storage instead of vanishing with the process. Completes when that is done.
     */
    public Mono<Void> endDetached() {
        return Flux.fromIterable(resumptions.detached()).flatMap(this::end).then();
    }
}
