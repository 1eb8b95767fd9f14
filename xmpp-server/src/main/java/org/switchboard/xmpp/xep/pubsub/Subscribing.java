package org.switchboard.xmpp.xep.pubsub;

import java.util.UUID;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.pubsub.PubSubService.Request;
import reactor.core.publisher.Mono;

/** Explicit subscriptions (XEP-0060 sections 6.1, 6.2 and 5.6), kept per JID as the subscriber gave it. */
final class Subscribing {

    Mono<Result> subscribe(Request request) {
        Jid jid = subscriber(request);
        if (jid == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "invalid-jid", "subscribe for your own address only"));
        }
        if (request.nodeName() == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "nodeid-required", "a subscription names its node"));
        }
        return request.node()
                .flatMap(node -> Access.check(node, request.requester(), request.store(), request.context())
                        .map(denial -> request.error(denial.error(), denial.pubsubCondition(), denial.text()))
                        .switchIfEmpty(Mono.defer(() -> request.store().subscribe(node.id(), jid.toString(), UUID.randomUUID().toString())
                                .flatMap(subid -> lastItem(request, node, jid)
                                        .thenReturn(Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.NAMESPACE)
                                                .child(subscription(node.name(), jid.toString(), subid, "subscribed")).build())))))))
                .switchIfEmpty(Mono.fromSupplier(() -> request.error(StanzaError.ITEM_NOT_FOUND, "no node " + request.nodeName())));
    }

    /** A new subscriber gets the newest item when the node says so (section 6.1.7). */
    private Mono<Void> lastItem(Request request, Node node, Jid subscriber) {
        if (node.config().sendLastPublishedItem() == SendLastItem.NEVER) {
            return Mono.empty();
        }
        return request.store().items(node.id(), 1).next().flatMap(item -> request.context().router().route(new Stanza(
                Element.builder("message", Namespaces.CLIENT)
                        .attribute("from", node.service()).attribute("to", subscriber.toString())
                        .attribute("id", UUID.randomUUID().toString())
                        .child(Element.builder("event", PubSub.EVENT).child(Element.builder("items", PubSub.EVENT)
                                .attribute("node", node.name()).child(item.toElement(PubSub.EVENT, node.config().deliverPayloads()))
                                .build()).build())
                        .build())));
    }

    Mono<Result> unsubscribe(Request request) {
        Jid jid = subscriber(request);
        if (jid == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "invalid-jid", "unsubscribe your own address only"));
        }
        return request.node()
                .flatMap(node -> request.store().unsubscribe(node.id(), jid.toString()).map(was -> was
                        ? Result.reply(request.iq().iqResult())
                        : request.error(StanzaError.UNEXPECTED_REQUEST, "not-subscribed", jid + " is not subscribed")))
                .switchIfEmpty(Mono.fromSupplier(() -> request.error(StanzaError.ITEM_NOT_FOUND, "no node " + request.nodeName())));
    }

    /** The requester's subscriptions on the service (section 5.6). */
    Mono<Result> subscriptions(Request request) {
        return request.store().subscriptionsOf(request.service(), request.requester().toString())
                .concatWith(request.requester().isBare() ? reactor.core.publisher.Flux.empty()
                        : request.store().subscriptionsOf(request.service(), request.requesterBare().toString()))
                .collectList()
                .map(rows -> {
                    var subscriptions = Element.builder("subscriptions", PubSub.NAMESPACE);
                    rows.forEach(row -> subscriptions.child(subscription(row[0], request.requester().toString(), row[1], "subscribed")));
                    return Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.NAMESPACE)
                            .child(subscriptions.build()).build()));
                });
    }

    /** The jid attribute, which must be the requester's own (bare or full) JID, or null. */
    private static Jid subscriber(Request request) {
        String attribute = request.action().attribute("jid");
        if (attribute == null) {
            return null;
        }
        try {
            Jid jid = Jid.parse(attribute);
            return jid.bare().equals(request.requesterBare()) ? jid : null;
        } catch (JidFormatException e) {
            return null;
        }
    }

    private static Element subscription(String node, String jid, String subid, String state) {
        return Element.builder("subscription", PubSub.NAMESPACE).attribute("node", node).attribute("jid", jid)
                .attribute("subid", subid).attribute("subscription", state).build();
    }
}
