package org.switchboard.xmpp.im.presence;

import org.switchboard.xmpp.im.delivery.ResourceDelivery;
import org.switchboard.xmpp.im.roster.RosterPushes;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Presence (RFC 6121 sections 3 and 4): subscriptions, broadcast and directed presence, probes, and the
 * unavailable presence of a session that ends. Outbound presence from local sessions and inbound presence
 * for local accounts is handled here completely; presence to the server itself is left to others.
 */
public final class PresenceModule implements XmppModule {

    private final PresenceTracker tracker = new PresenceTracker();
    private final PresenceBroadcast broadcast;
    private final ProbeResponder probes = new ProbeResponder(tracker);
    private final SubscriptionHandler subscriptions;

    public PresenceModule(RosterPushes pushes, InitialPresenceListener initialPresenceListener) {
        this.broadcast = new PresenceBroadcast(tracker, initialPresenceListener);
        this.subscriptions = new SubscriptionHandler(pushes, tracker);
    }

    @Override
    public Mono<Result> handlePresence(Stanza presence, Flow flow, ModuleContext context) {
        return switch (flow) {
            case OUTBOUND -> context.sessionJid().map(session -> outbound(session, presence, context))
                    .orElseGet(() -> Mono.just(Result.pass()));
            case INBOUND -> presence.from() == null ? Mono.just(Result.handled()) : inbound(presence, context);
            case SERVER -> Mono.just(Result.pass());
        };
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        return context.sessionJid()
                .map(session -> broadcast.unavailable(session, Presences.of("unavailable", session, session.bare()), context))
                .orElseGet(Mono::empty);
    }

    private Mono<Result> outbound(Jid session, Stanza presence, ModuleContext context) {
        String type = presence.type();
        Jid to = presence.to();
        if (presence.isError()) {
            return Mono.just(Result.pass());
        }
        if (Presences.isAvailability(presence)) {
            Mono<Void> work;
            if (to == null) {
                work = type == null ? broadcast.available(session, presence, context)
                        : broadcast.unavailable(session, presence, context);
            } else {
                work = broadcast.directed(session, presence, context);
            }
            return work.thenReturn(Result.handled());
        }
        if (SubscriptionStates.isSubscriptionType(type) && to != null) {
            return subscriptions.outbound(session, presence, context).thenReturn(Result.handled());
        }
        // clients do not send probes (RFC 6121 section 4.3); anything else is not a presence we know
        return Mono.just(Result.handled());
    }

    private Mono<Result> inbound(Stanza presence, ModuleContext context) {
        String type = presence.type();
        Jid to = presence.to();
        if (SubscriptionStates.isSubscriptionType(type)) {
            return context.accounts().find(to.localpart())
                    .flatMap(account -> subscriptions.inbound(presence, context).thenReturn(Result.handled()))
                    .switchIfEmpty(Mono.defer(() -> refuseUnknown(presence, context)));
        }
        if ("probe".equals(type)) {
            return probes.answer(presence, context).thenReturn(Result.handled());
        }
        // available, unavailable and errors: to every available resource, or to the one addressed (section 8.5)
        if (to.isBare()) {
            ResourceDelivery.toAvailableResources(context, to, presence);
        } else {
            ResourceDelivery.toResource(context, to, presence);
        }
        return Mono.just(Result.handled());
    }

    /** A subscription request to an account that does not exist is answered with {@code unsubscribed} (section 3.1.3). */
    private static Mono<Result> refuseUnknown(Stanza presence, ModuleContext context) {
        if (!"subscribe".equals(presence.type())) {
            return Mono.just(Result.handled());
        }
        return context.router().route(Presences.of("unsubscribed", presence.to().bare(), presence.from().bare()))
                .thenReturn(Result.handled());
    }
}
