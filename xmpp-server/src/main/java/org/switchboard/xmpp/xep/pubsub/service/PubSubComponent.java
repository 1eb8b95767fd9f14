package org.switchboard.xmpp.xep.pubsub.service;

import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.pubsub.Access;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubService;
import org.switchboard.xmpp.xep.pubsub.PubSubSettings;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The generic publish-subscribe service {@code pubsub.<domain>} (XEP-0060), in the server process (ADR 0020).
 * It answers disco and the pubsub IQs of the core; messages and presences to it are dropped.
 */
public final class PubSubComponent implements InternalComponent {

    private static final Identity SERVICE = new Identity("pubsub", "service", "Publish-Subscribe");
    private static final Identity LEAF = new Identity("pubsub", "leaf", null);

    private final String domain;
    private final PubSubService service;
    private volatile ModuleContext context;

    public PubSubComponent(String serverDomain, PubSubSettings settings) {
        this.domain = PubSubSettings.serviceDomain(serverDomain);
        this.service = new PubSubService(new ServiceHost(domain, serverDomain, settings), settings);
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public List<XmppModule> modules() {
        // listed in the server's disco#items, where PubSubManager.getPubSubService and others look
        return List.of(XmppModule.listedInDiscoItems(domain));
    }

    @Override
    public void start(ModuleContext serverContext) {
        this.context = serverContext;
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        ModuleContext current = context;
        if (current == null || !stanza.isIqRequest() || stanza.from() == null) {
            return Mono.empty();
        }
        Element query = stanza.iqChild();
        if (query == null || stanza.to().localpart() != null) {
            return send(Result.error(StanzaError.SERVICE_UNAVAILABLE), stanza, current);
        }
        Mono<Result> result;
        if (query.is("query", DiscoModule.INFO) && "get".equals(stanza.type())) {
            result = info(stanza, query.attribute("node"), current);
        } else if (query.is("query", DiscoModule.ITEMS) && "get".equals(stanza.type())) {
            result = items(stanza, query.attribute("node"), current);
        } else if (query.namespace().equals(PubSub.NAMESPACE) || query.namespace().equals(PubSub.OWNER)) {
            result = service.handle(stanza, stanza.to(), stanza.from(), current);
        } else {
            result = Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
        }
        return result.flatMap(r -> send(r, stanza, current));
    }

    private Mono<Result> info(Stanza iq, String node, ModuleContext context) {
        if (node == null) {
            Set<String> features = new java.util.HashSet<>(PubSubService.FEATURES);
            features.add(DiscoModule.INFO);
            features.add(DiscoModule.ITEMS);
            return Mono.just(Result.reply(iq.iqResult(DiscoModule.info(Set.of(SERVICE), features))));
        }
        PubSubStore store = new PubSubStore(context.database());
        return store.node(domain, node)
                .filterWhen(found -> Access.check(found, iq.from(), store, context).hasElement().map(denied -> !denied))
                .map(found -> Result.reply(iq.iqResult(DiscoModule.info(Set.of(LEAF), Set.of(PubSub.NAMESPACE)).withAttribute("node", node))))
                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }

    private Mono<Result> items(Stanza iq, String node, ModuleContext context) {
        PubSubStore store = new PubSubStore(context.database());
        if (node == null) {
            return store.nodes(domain)
                    .filterWhen(found -> Access.check(found, iq.from(), store, context).hasElement().map(denied -> !denied))
                    .map(found -> Element.builder("item", DiscoModule.ITEMS).attribute("jid", domain).attribute("node", found.name()).build())
                    .collectList()
                    .map(list -> Result.reply(iq.iqResult(Element.of("query", DiscoModule.ITEMS).withChildren(list))));
        }
        return store.node(domain, node)
                .filterWhen(found -> Access.check(found, iq.from(), store, context).hasElement().map(denied -> !denied))
                .flatMap(found -> store.items(found.id(), found.config().maxItems())
                        .map(item -> Element.builder("item", DiscoModule.ITEMS).attribute("jid", domain).attribute("name", item.id()).build())
                        .collectList())
                .map(list -> Result.reply(iq.iqResult(Element.of("query", DiscoModule.ITEMS).withAttribute("node", node).withChildren(list))))
                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }

    /** Carries out a result as the router does for modules: replies are routed, a failure becomes the error reply. */
    private static Mono<Void> send(Result result, Stanza request, ModuleContext context) {
        if (result instanceof Result.Reply reply) {
            return Flux.fromIterable(reply.stanzas()).concatMap(stanza -> context.router().route(stanza)).then();
        }
        StanzaError error = result instanceof Result.Failed failed ? failed.error() : StanzaError.SERVICE_UNAVAILABLE;
        String text = result instanceof Result.Failed failed ? failed.text() : null;
        return context.router().route(request.errorReply(error, text));
    }
}
