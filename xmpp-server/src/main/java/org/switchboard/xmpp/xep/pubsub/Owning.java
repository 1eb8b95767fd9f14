package org.switchboard.xmpp.xep.pubsub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.pubsub.PubSubService.Request;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creating nodes (XEP-0060 section 8.1) and the owner use cases: configure, default, delete, purge, affiliations. */
final class Owning {

    private static final int MAX_NODE_NAME = 1024;
    private static final Set<String> AFFILIATIONS = Set.of("owner", "publisher", "member", "none", "outcast");

    private final PubSubHost host;
    private final PubSubSettings settings;

    Owning(PubSubHost host, PubSubSettings settings) {
        this.host = host;
        this.settings = settings;
    }

    /** A node created, or why not. */
    record Created(Node node, Result refusal) {
    }

    /** Creates a node within the requester's node limit; a node that already exists is a {@code conflict}. */
    static Mono<Created> createNode(Request request, String name, NodeConfig config, PubSubSettings settings) {
        if (name.length() > MAX_NODE_NAME) {
            return Mono.just(new Created(null, request.error(StanzaError.NOT_ACCEPTABLE, "node names are limited to " + MAX_NODE_NAME
                    + " characters")));
        }
        String creator = request.requesterBare().toString();
        return request.store().countNodes(request.service(), creator).flatMap(count -> {
            if (count >= settings.maxNodesPerAccount()) {
                return Mono.just(new Created(null, request.error(StanzaError.POLICY_VIOLATION,
                        "you have " + count + " nodes, the most this service keeps for one account")));
            }
            return request.store().create(request.service(), name, accountOf(request),
                            creator, config)
                    .map(node -> new Created(node, null))
                    // a publish that raced this one made it: use it
                    .switchIfEmpty(Mono.defer(() -> request.store().node(request.service(), name).map(node -> new Created(node, null))));
        });
    }

    private static Jid accountOf(Request request) {
        return request.service().equals(request.requesterBare().toString()) ? request.requesterBare() : null;
    }

    Mono<Result> create(Request request) {
        if (!host.mayCreate(request.service(), request.requesterBare())) {
            return Mono.just(request.error(StanzaError.FORBIDDEN, "you may not create nodes here"));
        }
        String name = request.nodeName() == null ? UUID.randomUUID().toString() : request.nodeName();
        NodeConfig config;
        try {
            config = NodeConfigForm.apply(host.defaults(), NodeConfigForm.fields(request.pubsub().child("configure", PubSub.NAMESPACE)
                    .flatMap(c -> c.child("x", DataForm.NAMESPACE)).orElse(null)), settings);
        } catch (NodeConfigForm.InvalidField e) {
            return Mono.just(request.error(StanzaError.NOT_ACCEPTABLE, e.getMessage()));
        }
        return request.store().node(request.service(), name).map(existing -> request.error(StanzaError.CONFLICT, "node " + name + " exists"))
                .switchIfEmpty(Mono.defer(() -> createNode(request, name, config, settings).map(created -> {
                    if (created.node() == null) {
                        return created.refusal();
                    }
                    Element answer = Element.builder("pubsub", PubSub.NAMESPACE)
                            .child(Element.builder("create", PubSub.NAMESPACE).attribute("node", name).build()).build();
                    return Result.reply(request.iq().iqResult(answer));
                })));
    }

    Mono<Result> handle(Request request, boolean set) {
        String action = request.action().name();
        if (action.equals("default") && !set) {
            return Mono.just(Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.OWNER)
                    .child(Element.builder("default", PubSub.OWNER).child(host.defaults().toForm("form")).build()).build())));
        }
        if (request.nodeName() == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "nodeid-required", "<" + action + "/> names its node"));
        }
        return request.node()
                .flatMap(node -> request.owns(node).flatMap(owns -> owns ? owner(request, node, action, set)
                        : Mono.just(request.error(StanzaError.FORBIDDEN, "only the node's owner may do that"))))
                .switchIfEmpty(Mono.fromSupplier(() -> request.error(StanzaError.ITEM_NOT_FOUND, "no node " + request.nodeName())));
    }

    private Mono<Result> owner(Request request, Node node, String action, boolean set) {
        return switch (action + (set ? "/set" : "/get")) {
            case "configure/get" -> Mono.just(Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.OWNER)
                    .child(Element.builder("configure", PubSub.OWNER).attribute("node", node.name())
                            .child(node.config().toForm("form")).build()).build())));
            case "configure/set" -> configure(request, node);
            case "delete/set" -> request.store().delete(node.id())
                    .then(host.notify(node, Element.builder("delete", PubSub.EVENT).attribute("node", node.name()).build(), request.context()))
                    .thenReturn(Result.reply(request.iq().iqResult()));
            case "purge/set" -> request.store().purge(node.id())
                    .then(host.notify(node, Element.builder("purge", PubSub.EVENT).attribute("node", node.name()).build(), request.context()))
                    .thenReturn(Result.reply(request.iq().iqResult()));
            case "affiliations/get" -> request.store().affiliations(node.id()).collectList().map(rows -> {
                var affiliations = Element.builder("affiliations", PubSub.OWNER).attribute("node", node.name())
                        .child(affiliation(PubSub.OWNER, node.creator(), "owner", null));
                rows.forEach(row -> affiliations.child(affiliation(PubSub.OWNER, row[0], row[1], null)));
                return Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.OWNER).child(affiliations.build()).build()));
            });
            case "affiliations/set" -> setAffiliations(request, node);
            case "subscriptions/get" -> request.store().subscribers(node.id()).collectList().map(rows -> {
                var subscriptions = Element.builder("subscriptions", PubSub.OWNER).attribute("node", node.name());
                rows.forEach(row -> subscriptions.child(Element.builder("subscription", PubSub.OWNER).attribute("jid", row[0])
                        .attribute("subscription", "subscribed").attribute("subid", row[1]).build()));
                return Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.OWNER).child(subscriptions.build()).build()));
            });
            default -> Mono.just(request.error(StanzaError.BAD_REQUEST, "<" + action + "/> is not a " + request.iq().type()
                    + " request of " + PubSub.OWNER));
        };
    }

    private Mono<Result> configure(Request request, Node node) {
        Element form = request.action().child("x", DataForm.NAMESPACE).orElse(null);
        if (form == null) {
            return Mono.just(request.error(StanzaError.BAD_REQUEST, "a configuration carries a data form"));
        }
        if ("cancel".equals(form.attribute("type"))) {
            return Mono.just(Result.reply(request.iq().iqResult()));
        }
        Map<String, List<String>> fields = NodeConfigForm.fields(form);
        NodeConfig config;
        try {
            config = NodeConfigForm.apply(node.config(), fields, settings);
        } catch (NodeConfigForm.InvalidField e) {
            return Mono.just(request.error(StanzaError.NOT_ACCEPTABLE, e.getMessage()));
        }
        return request.store().configure(node.id(), config).thenReturn(Result.reply(request.iq().iqResult()));
    }

    private Mono<Result> setAffiliations(Request request, Node node) {
        List<Element> changes = request.action().elements();
        for (Element change : changes) {
            String jid = change.attribute("jid");
            String affiliation = change.attribute("affiliation");
            if (jid == null || affiliation == null || !AFFILIATIONS.contains(affiliation)) {
                return Mono.just(request.error(StanzaError.BAD_REQUEST, "each <affiliation/> has a jid and one of " + AFFILIATIONS));
            }
            try {
                if (Jid.parse(jid).bare().equals(Access.owner(node))) {
                    return Mono.just(request.error(StanzaError.NOT_ACCEPTABLE, "the node's creator stays its owner"));
                }
            } catch (JidFormatException e) {
                return Mono.just(request.error(StanzaError.JID_MALFORMED, "'" + jid + "' is not a JID"));
            }
        }
        return Flux.fromIterable(changes)
                .concatMap(change -> request.store().affiliate(node.id(), Jid.parse(change.attribute("jid")).bare().toString(),
                        change.attribute("affiliation")))
                .then(Mono.fromSupplier(() -> Result.reply(request.iq().iqResult())));
    }

    /** The requester's own affiliations on the service (XEP-0060 section 5.7). */
    Mono<Result> ownAffiliations(Request request) {
        String me = request.requesterBare().toString();
        return request.store().nodes(request.service())
                .concatMap(node -> me.equals(node.creator()) ? Mono.just(new String[] {node.name(), "owner"})
                        : request.store().affiliation(node.id(), me).map(affiliation -> new String[] {node.name(), affiliation}))
                .collectList()
                .map(rows -> {
                    var affiliations = Element.builder("affiliations", PubSub.NAMESPACE);
                    rows.forEach(row -> affiliations.child(affiliation(PubSub.NAMESPACE, null, row[1], row[0])));
                    return Result.reply(request.iq().iqResult(Element.builder("pubsub", PubSub.NAMESPACE).child(affiliations.build()).build()));
                });
    }

    private static Element affiliation(String namespace, String jid, String affiliation, String node) {
        return Element.builder("affiliation", namespace).attribute("jid", jid).attribute("node", node)
                .attribute("affiliation", affiliation).build();
    }
}
