package org.switchboard.xmpp.xep.pep;

import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.pubsub.Access;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import org.switchboard.xmpp.xep.pubsub.SendLastItem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The newest item of each node a newly available session asked for, from its own account and from every
 * contact whose presence it receives (XEP-0163 section 4.3.3: the last item on the contact's presence), for
 * nodes configured {@code on_sub_and_presence} and open to it.
 */
final class LastItems {

    private LastItems() {
    }

    static Mono<Void> send(Jid session, Set<String> nodes, ModuleContext context) {
        if (nodes.isEmpty()) {
            return Mono.empty();
        }
        PubSubStore store = new PubSubStore(context.database());
        List<String> names = List.copyOf(nodes);
        Flux<Jid> accounts = Flux.just(session.bare())
                .concatWith(new RosterStore(context.database()).items(session.bare())
                        .filter(item -> item.subscription().hasTo())
                        .map(item -> item.contact().bare())
                        .filter(contact -> contact.domain().equals(context.serverJid().domain())));
        return lastItems(accounts, names, session, store, context);
    }

    /** The newest item of each of {@code owner}'s nodes a contact's session (on another server) asked for. */
    static Mono<Void> sendOf(Jid owner, Jid session, Set<String> nodes, ModuleContext context) {
        if (nodes.isEmpty()) {
            return Mono.empty();
        }
        return lastItems(Flux.just(owner), List.copyOf(nodes), session, new PubSubStore(context.database()), context);
    }

    private static Mono<Void> lastItems(Flux<Jid> accounts, List<String> names, Jid session, PubSubStore store, ModuleContext context) {
        return accounts.concatMap(account -> store.nodes(account.toString(), names))
                .filter(node -> node.config().sendLastPublishedItem() == SendLastItem.ON_SUB_AND_PRESENCE)
                .filterWhen(node -> Access.check(node, session, store, context).hasElement().map(denied -> !denied))
                .concatMap(node -> store.items(node.id(), 1).next().flatMap(item -> context.router().route(PepHost.event(
                        Jid.parse(node.service()), session, Element.builder("items", PubSub.EVENT).attribute("node", node.name())
                                .child(item.toElement(PubSub.EVENT, node.config().deliverPayloads())).build()))))
                .then();
    }
}
