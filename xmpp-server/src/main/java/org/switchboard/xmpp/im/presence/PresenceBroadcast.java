package org.switchboard.xmpp.im.presence;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.im.delivery.ResourceDelivery;
import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.PresenceState;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence a session broadcasts (no {@code to}) or directs at one entity (RFC 6121 sections 4.2-4.6):
 * who is told, the probes sent on initial presence, and the unavailable presence when a session ends.
 */
final class PresenceBroadcast {

    private final PresenceTracker tracker;
    private final InitialPresenceListener initialPresenceListener;

    PresenceBroadcast(PresenceTracker tracker, InitialPresenceListener initialPresenceListener) {
        this.tracker = tracker;
        this.initialPresenceListener = initialPresenceListener;
    }

    /** Available presence without {@code to} from {@code session} (sections 4.2.2 and 4.4.2). */
    Mono<Void> available(Jid session, Stanza presence, ModuleContext context) {
        Stanza stamped = presence.withFrom(session).withTo(null);
        int priority = Presences.priority(presence);
        context.sessions().session(session).ifPresent(s -> s.presence(new PresenceState(true, priority)));
        boolean initial = tracker.available(session, stamped);
        RosterStore roster = new RosterStore(context.database());
        return roster.items(session.bare()).collectList().flatMap(items -> {
            List<Stanza> routed = new ArrayList<>();
            for (RosterItem item : items) {
                if (item.subscription().hasFrom()) {
                    routed.add(stamped.withTo(item.contact()));
                }
                if (initial && item.subscription().hasTo()) {
                    routed.add(Presences.of("probe", session, item.contact()));
                }
            }
            // a user is implicitly subscribed to their own presence, the sending resource included
            for (ClientSession own : ResourceDelivery.availableSessions(context, session)) {
                own.deliver(stamped.withTo(own.jid()));
                if (initial && !own.jid().equals(session)) {
                    tracker.lastAvailable(own.jid()).ifPresent(theirs -> ResourceDelivery.toResource(context, session, theirs.withTo(session)));
                }
            }
            Mono<Void> afterInitial = initial
                    ? redeliverPendingRequests(session, roster, context)
                            .then(initialPresenceListener.initialPresence(session, priority, context))
                    : Mono.empty();
            return Flux.fromIterable(routed).concatMap(context.router()::route).then(afterInitial);
        });
    }

    /** Unavailable presence without {@code to}, sent by the client or on its behalf when the session ends. */
    Mono<Void> unavailable(Jid session, Stanza presence, ModuleContext context) {
        context.sessions().session(session).ifPresent(s -> s.presence(PresenceState.UNAVAILABLE));
        if (!tracker.unavailable(session)) {
            tracker.takeDirected(session);
            return Mono.empty();
        }
        Stanza stamped = presence.withFrom(session).withTo(null);
        List<Jid> recipients = new ArrayList<>(tracker.takeDirected(session));
        for (ClientSession own : context.sessions().sessions(session.bare())) {
            if (own.presence().available() || own.jid().equals(session)) {
                own.deliver(stamped.withTo(own.jid()));
            }
        }
        return new RosterStore(context.database()).items(session.bare())
                .filter(item -> item.subscription().hasFrom())
                .map(RosterItem::contact)
                .collectList()
                .flatMapMany(contacts -> {
                    contacts.stream().filter(c -> !recipients.contains(c)).forEach(recipients::add);
                    return Flux.fromIterable(recipients);
                })
                .concatMap(recipient -> context.router().route(stamped.withTo(recipient)))
                .then();
    }

    /** Presence with a {@code to}: routed as is and remembered for the unavailable broadcast (section 4.6). */
    Mono<Void> directed(Jid session, Stanza presence, ModuleContext context) {
        Jid recipient = presence.to();
        if ("unavailable".equals(presence.type())) {
            tracker.directedUnavailable(session, recipient);
        } else {
            tracker.directedAvailable(session, recipient);
        }
        return context.router().route(presence.withFrom(session));
    }

    /** Section 3.1.3: requests that arrived while no resource was available are shown at the next initial presence. */
    private static Mono<Void> redeliverPendingRequests(Jid session, RosterStore roster, ModuleContext context) {
        return roster.pendingRequests(session.bare())
                .doOnNext(item -> ResourceDelivery.toResource(context, session,
                        Presences.of("subscribe", item.contact(), session.bare())))
                .then();
    }
}
