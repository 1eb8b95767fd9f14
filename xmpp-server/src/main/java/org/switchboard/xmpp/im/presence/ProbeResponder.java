package org.switchboard.xmpp.im.presence;

import org.switchboard.xmpp.im.delivery.ResourceDelivery;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers presence probes on behalf of a local account (RFC 6121 section 4.3.2): a subscribed prober gets
 * the last presence of each available resource; anyone else learns nothing.
 */
final class ProbeResponder {

    private final PresenceTracker tracker;

    ProbeResponder(PresenceTracker tracker) {
        this.tracker = tracker;
    }

    Mono<Void> answer(Stanza probe, ModuleContext context) {
        Jid user = probe.to().bare();
        Jid prober = probe.from();
        if (prober.bare().equals(user)) {
            return Mono.empty();
        }
        return new RosterStore(context.database()).find(user, prober.bare())
                .filter(item -> item.subscription().hasFrom())
                .flatMapMany(item -> Flux.fromIterable(ResourceDelivery.availableSessions(context, user)))
                .concatMap(session -> Mono.justOrEmpty(tracker.lastAvailable(session.jid())))
                .concatMap(last -> context.router().route(last.withTo(prober)))
                .then();
    }
}
