package org.switchboard.xmpp.sms;

import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence of SMS contacts (and of the gateway itself) mirrors whether the person's host is reachable:
 * subscription requests are approved at once, probes answered, and when a host comes or goes every SMS
 * contact the person is subscribed to sends available or unavailable.
 */
final class ContactPresence {

    private final Gateway gateway;

    ContactPresence(Gateway gateway) {
        this.gateway = gateway;
    }

    Mono<Void> handle(Stanza presence) {
        Jid person = presence.from();
        Jid contact = presence.to().bare();
        if (!gateway.isLocalUser(person)) {
            return Mono.empty();
        }
        String type = presence.type();
        if ("subscribe".equals(type)) {
            return gateway.send(of("subscribed", contact, person.bare())).then(current(contact, person.bare()));
        }
        if ("probe".equals(type)) {
            return current(contact, person);
        }
        if ("unsubscribe".equals(type)) {
            return gateway.send(of("unsubscribed", contact, person.bare()));
        }
        return Mono.empty();
    }

    /** The contact's presence as the person's hosts make it: available while one of them is reachable. */
    private Mono<Void> current(Jid contact, Jid to) {
        return gateway.server().accounts().find(to.localpart())
                .flatMap(account -> gateway.send(of(gateway.online().ownerReachable(account.id()) ? null : "unavailable", contact, to)));
    }

    /** A host of the person came or went: tell them through every SMS contact they are subscribed to. */
    Mono<Void> hostChanged(long ownerId, String ownerLocalpart) {
        Jid owner = gateway.ownerJid(ownerLocalpart);
        String type = gateway.online().ownerReachable(ownerId) ? null : "unavailable";
        return new RosterStore(gateway.server().database()).items(owner)
                .filter(item -> item.subscription().hasTo() && item.contact().domain().equals(gateway.domain()))
                .map(RosterItem::contact)
                .concatWith(Flux.just(gateway.jid()))
                .distinct()
                .concatMap(contact -> gateway.send(of(type, contact, owner)))
                .then();
    }

    private static Stanza of(String type, Jid from, Jid to) {
        return new Stanza(Element.builder("presence", Namespaces.CLIENT)
                .attribute("type", type)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .build());
    }
}
