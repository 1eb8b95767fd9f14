package org.switchboard.xmpp.xep.pubsub;

import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Answers XEP-0060 requests for one kind of service ({@link PubSubHost}): the entity use cases in
 * {@code pubsub} (publish, retract, items, create, subscribe) and the owner use cases in {@code pubsub#owner}.
 */
public final class PubSubService {

    /** The XEP-0060 features both services offer (section 10), for disco#info. */
    public static final Set<String> FEATURES = Set.of(PubSub.NAMESPACE, PubSub.NAMESPACE + "#access-open",
            PubSub.NAMESPACE + "#access-presence", PubSub.NAMESPACE + "#access-roster", PubSub.NAMESPACE + "#access-whitelist",
            PubSub.NAMESPACE + "#auto-create", PubSub.NAMESPACE + "#config-node", PubSub.NAMESPACE + "#create-and-configure",
            PubSub.NAMESPACE + "#create-nodes", PubSub.NAMESPACE + "#delete-items", PubSub.NAMESPACE + "#delete-nodes",
            PubSub.NAMESPACE + "#item-ids", PubSub.NAMESPACE + "#last-published", PubSub.NAMESPACE + "#modify-affiliations",
            PubSub.NAMESPACE + "#multi-items", PubSub.NAMESPACE + "#outcast-affiliation", PubSub.NAMESPACE + "#persistent-items",
            PubSub.NAMESPACE + "#publish", PubSub.NAMESPACE + "#publish-options", PubSub.NAMESPACE + "#purge-nodes",
            PubSub.NAMESPACE + "#retract-items", PubSub.NAMESPACE + "#retrieve-affiliations", PubSub.NAMESPACE + "#retrieve-default",
            PubSub.NAMESPACE + "#retrieve-items", PubSub.NAMESPACE + "#retrieve-subscriptions", PubSub.NAMESPACE + "#subscribe",
            PubSub.NAMESPACE + "#instant-nodes");

    private final PubSubHost host;
    private final Publishing publishing;
    private final Owning owning;
    private final Subscribing subscribing;

    public PubSubService(PubSubHost host, PubSubSettings settings) {
        this.host = host;
        this.publishing = new Publishing(host, settings);
        this.owning = new Owning(host, settings);
        this.subscribing = new Subscribing();
    }

    /** Answers a pubsub or pubsub#owner IQ addressed to {@code to} from {@code requester} (a full or bare JID). */
    public Mono<Result> handle(Stanza iq, Jid to, Jid requester, ModuleContext context) {
        Element pubsub = iq.iqChild();
        if (!pubsub.is("pubsub", PubSub.NAMESPACE) && !pubsub.is("pubsub", PubSub.OWNER)) {
            return Mono.just(PubSub.error(iq, StanzaError.BAD_REQUEST, "expected <pubsub/>"));
        }
        Element action = pubsub.firstElement().orElse(null);
        if (action == null) {
            return Mono.just(PubSub.error(iq, StanzaError.BAD_REQUEST, "<pubsub/> names no action"));
        }
        String service = host.service(to);
        PubSubStore store = new PubSubStore(context.database());
        Request request = new Request(iq, pubsub, action, service, requester, store, context);
        boolean set = "set".equals(iq.type());
        if (pubsub.namespace().equals(PubSub.OWNER)) {
            return owning.handle(request, set);
        }
        return switch (action.name() + (set ? "/set" : "/get")) {
            case "publish/set" -> publishing.publish(request);
            case "retract/set" -> publishing.retract(request);
            case "create/set" -> owning.create(request);
            case "items/get" -> publishing.items(request);
            case "subscribe/set" -> subscribing.subscribe(request);
            case "unsubscribe/set" -> subscribing.unsubscribe(request);
            case "subscriptions/get" -> subscribing.subscriptions(request);
            case "affiliations/get" -> owning.ownAffiliations(request);
            case "options/get", "options/set" -> Mono.just(PubSub.unsupported(iq, "subscription-options"));
            default -> Mono.just(PubSub.error(iq, StanzaError.BAD_REQUEST, "<" + action.name() + "/> is not a "
                    + iq.type() + " request of " + pubsub.namespace()));
        };
    }

    /** One request and what every use case needs of it. */
    record Request(Stanza iq, Element pubsub, Element action, String service, Jid requester, PubSubStore store,
                   ModuleContext context) {

        /** The node the action names, or null. */
        String nodeName() {
            String node = action.attribute("node");
            return node == null || node.isEmpty() ? null : node;
        }

        Jid requesterBare() {
            return requester.bare();
        }

        Result error(StanzaError error, String text) {
            return PubSub.error(iq, error, text);
        }

        Result error(StanzaError error, String pubsubCondition, String text) {
            return PubSub.error(iq, error, pubsubCondition, text);
        }

        Mono<Node> node() {
            return store.node(service, nodeName());
        }

        /** Whether the requester owns the node: its creator (the account on PEP) or affiliated as owner. */
        Mono<Boolean> owns(Node node) {
            if (requesterBare().equals(Access.owner(node))) {
                return Mono.just(true);
            }
            return store.affiliation(node.id(), requesterBare().toString()).map("owner"::equals).defaultIfEmpty(false);
        }
    }
}
