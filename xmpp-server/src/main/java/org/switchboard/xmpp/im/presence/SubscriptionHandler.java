package org.switchboard.xmpp.im.presence;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.im.delivery.ResourceDelivery;
import org.switchboard.xmpp.im.presence.SubscriptionStates.Transition;
import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.RosterPushes;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies {@link SubscriptionStates} to the roster: stores the new state, pushes it to the user's
 * interested resources, and sends what the RFC asks to follow (the stanza itself, the server's automatic
 * {@code subscribed}, and presence given to or withdrawn from the contact).
 */
final class SubscriptionHandler {

    private final RosterPushes pushes;
    private final PresenceTracker tracker;

    SubscriptionHandler(RosterPushes pushes, PresenceTracker tracker) {
        this.pushes = pushes;
        this.tracker = tracker;
    }

    /** The user's session sent {@code presence} (subscribe, subscribed, unsubscribe, unsubscribed) to a contact. */
    Mono<Void> outbound(Jid session, Stanza presence, ModuleContext context) {
        Jid user = session.bare();
        Jid contact = presence.to().bare();
        if (contact.equals(user)) {
            return Mono.empty();
        }
        RosterStore roster = new RosterStore(context.database());
        return roster.findOrAbsent(user, contact)
                .map(item -> SubscriptionStates.outbound(presence.type(), item))
                .flatMap(transition -> save(user, transition, roster, context).then(Mono.defer(() -> {
                    List<Stanza> routed = new ArrayList<>();
                    if (transition.forward()) {
                        // subscription stanzas are stamped with the bare JID (RFC 6121 section 3.1.2)
                        routed.add(presence.withFrom(user).withTo(contact));
                    }
                    routed.addAll(presenceChange(user, contact, transition, context));
                    return Flux.fromIterable(routed).concatMap(context.router()::route).then();
                })));
    }

    /** A subscription stanza from {@code presence.from()} arrived for the local account {@code presence.to()}. */
    Mono<Void> inbound(Stanza presence, ModuleContext context) {
        Jid user = presence.to().bare();
        Jid contact = presence.from().bare();
        RosterStore roster = new RosterStore(context.database());
        return roster.findOrAbsent(user, contact)
                .map(item -> SubscriptionStates.inbound(presence.type(), item))
                .flatMap(transition -> save(user, transition, roster, context).then(Mono.defer(() -> {
                    if (transition.forward()) {
                        ResourceDelivery.toAvailableResources(context, user, presence.withFrom(contact).withTo(user));
                    }
                    List<Stanza> routed = new ArrayList<>();
                    if (transition.autoApprove()) {
                        routed.add(Presences.of("subscribed", user, contact));
                    }
                    routed.addAll(presenceChange(user, contact, transition, context));
                    return Flux.fromIterable(routed).concatMap(context.router()::route).then();
                })));
    }

    private Mono<Void> save(Jid user, Transition transition, RosterStore roster, ModuleContext context) {
        if (!transition.changed()) {
            return Mono.empty();
        }
        boolean visible = transition.before().inRoster() || transition.after().inRoster();
        return roster.save(user, transition.after())
                .flatMap(version -> visible ? pushes.push(user, transition.after(), version, context) : Mono.empty());
    }

    /**
     * When the contact gains a subscription to the user it gets the user's current presence (section
     * 3.1.5); when it loses one it is told the user is unavailable (sections 3.2.2 and 3.3.3).
     */
    private List<Stanza> presenceChange(Jid user, Jid contact, Transition transition, ModuleContext context) {
        RosterItem before = transition.before();
        RosterItem after = transition.after();
        List<Stanza> stanzas = new ArrayList<>();
        boolean granted = !before.subscription().hasFrom() && after.subscription().hasFrom();
        for (ClientSession session : ResourceDelivery.availableSessions(context, user)) {
            if (granted) {
                tracker.lastAvailable(session.jid()).ifPresent(last -> stanzas.add(last.withTo(contact)));
            } else if (transition.presenceAccessRevoked()) {
                stanzas.add(Presences.of("unavailable", session.jid(), contact));
            }
        }
        return stanzas;
    }
}
