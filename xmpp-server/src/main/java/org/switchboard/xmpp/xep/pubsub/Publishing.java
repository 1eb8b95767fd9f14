package org.switchboard.xmpp.xep.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.pubsub.PubSubService.Request;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Publishing and retracting items (XEP-0060 sections 7.1 and 7.2) and retrieving them (section 6.5). */
final class Publishing {

    private static final int MAX_ITEM_ID = 1024;

    private final PubSubHost host;
    private final PubSubSettings settings;

    Publishing(PubSubHost host, PubSubSettings settings) {
        this.host = host;
        this.settings = settings;
    }

    Mono<Result> publish(Request request) {
        String nodeName = request.nodeName();
        if (nodeName == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "nodeid-required", "a publish names its node"));
        }
        List<Element> items = request.action().elements();
        if (items.size() > 1 || (items.size() == 1 && !items.get(0).is("item", PubSub.NAMESPACE))) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "invalid-payload", "a publish carries at most one <item/>"));
        }
        Element item = items.isEmpty() ? null : items.get(0);
        List<Element> payloads = item == null ? List.of() : item.elements();
        if (payloads.size() > 1) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "invalid-payload", "an item carries one payload element"));
        }
        Element payload = payloads.isEmpty() ? null : payloads.get(0);
        int size = payload == null ? 0 : StoredXml.write(payload).getBytes(StandardCharsets.UTF_8).length;
        if (size > settings.maxPayloadBytes()) {
            return Mono.just(request.error(StanzaError.NOT_ACCEPTABLE, "payload-too-big",
                    "the payload is " + size + " bytes; this service takes at most " + settings.maxPayloadBytes()));
        }
        String id = item == null ? null : item.attribute("id");
        if (id == null || id.isEmpty()) {
            id = UUID.randomUUID().toString();
        } else if (id.length() > MAX_ITEM_ID) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "item ids are limited to " + MAX_ITEM_ID + " characters"));
        }
        Map<String, List<String>> options = NodeConfigForm.fields(request.pubsub().child("publish-options", PubSub.NAMESPACE)
                .flatMap(o -> o.child("x", org.switchboard.xmpp.xep.dataforms.DataForm.NAMESPACE)).orElse(null));
        Item published = item == null ? null : new Item(id, request.requesterBare().toString(), payload);
        return request.node()
                .flatMap(node -> mayPublish(request, node).flatMap(allowed -> {
                    if (!allowed) {
                        return Mono.just(request.error(StanzaError.FORBIDDEN, "only the node's owner and publishers may publish"));
                    }
                    String unmet = NodeConfigForm.unmet(node.config(), options, settings);
                    if (unmet != null) {
                        return Mono.just(request.error(StanzaError.CONFLICT, "precondition-not-met", unmet));
                    }
                    return store(request, node, published);
                }))
                .switchIfEmpty(Mono.defer(() -> createAndPublish(request, nodeName, options, published)));
    }

    private Mono<Boolean> mayPublish(Request request, Node node) {
        if (node.config().publishModel().equals("open") && host.account(node.service()) == null) {
            return Mono.just(true);
        }
        return request.owns(node).flatMap(owns -> owns ? Mono.just(true)
                : request.store().affiliation(node.id(), request.requesterBare().toString()).map("publisher"::equals).defaultIfEmpty(false));
    }

    private Mono<Result> createAndPublish(Request request, String nodeName, Map<String, List<String>> options, Item item) {
        if (!host.mayCreate(request.service(), request.requesterBare())) {
            return Mono.just(host.account(request.service()) != null
                    ? request.error(StanzaError.FORBIDDEN, "only the account itself publishes to its personal eventing service")
                    : request.error(StanzaError.ITEM_NOT_FOUND, "no node " + nodeName));
        }
        if (!host.createsOnPublish()) {
            return Mono.just(request.error(StanzaError.ITEM_NOT_FOUND, "no node " + nodeName + "; create it first"));
        }
        NodeConfig config;
        try {
            config = NodeConfigForm.apply(host.defaults(), options, settings);
        } catch (NodeConfigForm.InvalidField e) {
            return Mono.just(request.error(StanzaError.CONFLICT, "precondition-not-met", e.getMessage()));
        }
        if (item == null && (config.persistItems() || config.deliverPayloads())) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "item-required", "a publish that creates " + nodeName
                    + " carries an <item/>"));
        }
        return Owning.createNode(request, nodeName, config, settings)
                .flatMap(created -> created.node() == null ? Mono.just(created.refusal()) : store(request, created.node(), item));
    }

    private Mono<Result> store(Request request, Node node, Item item) {
        NodeConfig config = node.config();
        if (!config.persistItems() && !config.deliverPayloads()) {
            // a transient notification-only node: the publish is the event (XEP-0060 section 7.1.3.6)
            if (item != null) {
                return Mono.just(request.error(StanzaError.BAD_REQUEST, "item-forbidden", "node " + node.name()
                        + " is transient and notification-only: publish without an item"));
            }
            return host.notify(node, Element.builder("items", PubSub.EVENT).attribute("node", node.name()).build(), request.context())
                    .thenReturn(Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.NAMESPACE)
                            .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", node.name()).build()).build())));
        }
        if (item == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "item-required", "a publish to " + node.name() + " carries an <item/>"));
        }
        if (item.payload() == null && config.deliverPayloads()) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "payload-required", "node " + node.name()
                    + " delivers payloads: the item carries one"));
        }
        Mono<Void> saved = node.config().persistItems() ? request.store().publish(node.id(), item, node.config().maxItems()) : Mono.empty();
        Element event = Element.builder("items", PubSub.EVENT).attribute("node", node.name())
                .child(item.toElement(PubSub.EVENT, node.config().deliverPayloads())).build();
        Element answer = Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", node.name())
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", item.id()).build()).build())
                .build();
        return saved.then(host.notify(node, event, request.context()))
                .then(host.published(node, item, request.iq(), request.context()))
                .thenReturn(Result.reply(request.iq().iqResult(answer)));
    }

    Mono<Result> retract(Request request) {
        String nodeName = request.nodeName();
        if (nodeName == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "nodeid-required", "a retraction names its node"));
        }
        List<String> ids = new ArrayList<>();
        for (Element item : request.action().elements()) {
            String id = item.attribute("id");
            if (!item.is("item", PubSub.NAMESPACE) || id == null || id.isEmpty()) {
                return Mono.just(request.error(StanzaError.BAD_REQUEST, "item-required", "each <item/> of a retraction has an id"));
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "item-required", "a retraction names an item"));
        }
        String notifyAttribute = request.action().attribute("notify");
        return request.node()
                .flatMap(node -> mayPublish(request, node).flatMap(allowed -> {
                    if (!allowed) {
                        return Mono.just(request.error(StanzaError.FORBIDDEN, "only the node's owner and publishers may retract"));
                    }
                    boolean notify = notifyAttribute == null ? node.config().notifyRetract()
                            : notifyAttribute.equals("1") || notifyAttribute.equals("true");
                    return Flux.fromIterable(ids).concatMap(id -> request.store().retract(node.id(), id).filter(found -> found).map(found -> id))
                            .collectList()
                            .flatMap(gone -> {
                                if (gone.isEmpty()) {
                                    return Mono.just(request.error(StanzaError.ITEM_NOT_FOUND, "no such item on " + nodeName));
                                }
                                if (!notify) {
                                    return Mono.just(Result.reply(request.iq().iqResult()));
                                }
                                var event = Element.builder("items", PubSub.EVENT).attribute("node", nodeName);
                                gone.forEach(id -> event.child(Element.builder("retract", PubSub.EVENT).attribute("id", id).build()));
                                return host.notify(node, event.build(), request.context()).thenReturn(Result.reply(request.iq().iqResult()));
                            });
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> request.error(StanzaError.ITEM_NOT_FOUND, "no node " + nodeName)));
    }

    Mono<Result> items(Request request) {
        String nodeName = request.nodeName();
        if (nodeName == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "nodeid-required", "a retrieval names its node"));
        }
        List<String> ids = new ArrayList<>();
        for (Element item : request.action().elements()) {
            if (item.is("item", PubSub.NAMESPACE) && item.attribute("id") != null) {
                ids.add(item.attribute("id"));
            }
        }
        String max = request.action().attribute("max_items");
        int maxItems;
        try {
            maxItems = max == null ? Integer.MAX_VALUE : Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "max_items '" + max + "' is not a number"));
        }
        if (maxItems < 1) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "max_items must be at least 1"));
        }
        return request.node()
                .flatMap(node -> Access.check(node, request.requester(), request.store(), request.context())
                        .map(denial -> request.error(denial.error(), denial.pubsubCondition(), denial.text()))
                        .switchIfEmpty(Mono.defer(() -> (ids.isEmpty()
                                ? request.store().items(node.id(), Math.min(maxItems, node.config().maxItems()))
                                : request.store().items(node.id(), ids))
                                .collectList()
                                .map(found -> {
                                    var items = Element.builder("items", PubSub.NAMESPACE).attribute("node", nodeName);
                                    found.forEach(item -> items.child(item.toElement(PubSub.NAMESPACE, true)));
                                    return Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.NAMESPACE)
                                            .child(items.build()).build()));
                                }))))
                .switchIfEmpty(Mono.fromSupplier(() -> request.error(StanzaError.ITEM_NOT_FOUND, "no node " + nodeName)));
    }
}
