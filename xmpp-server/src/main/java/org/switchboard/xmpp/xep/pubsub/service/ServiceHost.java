package org.switchboard.xmpp.xep.pubsub.service;

import java.util.UUID;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pubsub.Access;
import org.switchboard.xmpp.xep.pubsub.Node;
import org.switchboard.xmpp.xep.pubsub.NodeConfig;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubHost;
import org.switchboard.xmpp.xep.pubsub.PubSubSettings;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The generic service: nodes of the service's domain, created by local accounts, notifications to explicit subscribers. */
final class ServiceHost implements PubSubHost {

    private final String domain;
    private final String serverDomain;
    private final PubSubSettings settings;

    ServiceHost(String domain, String serverDomain, PubSubSettings settings) {
        this.domain = domain;
        this.serverDomain = serverDomain;
        this.settings = settings;
    }

    @Override
    public String service(Jid to) {
        return domain;
    }

    @Override
    public Jid account(String service) {
        return null;
    }

    @Override
    public NodeConfig defaults() {
        return NodeConfig.serviceDefaults(settings);
    }

    @Override
    public boolean createsOnPublish() {
        return true;
    }

    @Override
    public boolean mayCreate(String service, Jid requester) {
        return requester.localpart() != null && requester.domain().equals(serverDomain);
    }

    @Override
    public Mono<Void> notify(Node node, Element event, ModuleContext context) {
        PubSubStore store = new PubSubStore(context.database());
        return store.subscribers(node.id())
                .flatMap(row -> parse(row[0]).map(jid -> new Object[] {jid, row[1]}))
                .filterWhen(sub -> Access.check(node, (Jid) sub[0], store, context).hasElement().map(denied -> !denied))
                .concatMap(sub -> context.router().route(new Stanza(Element.builder("message", Namespaces.CLIENT)
                        .attribute("from", domain).attribute("to", sub[0].toString())
                        .attribute("id", UUID.randomUUID().toString())
                        .child(Element.builder("event", PubSub.EVENT).child(event).build())
                        .build())))
                .then();
    }

    private static Flux<Jid> parse(String jid) {
        try {
            return Flux.just(Jid.parse(jid));
        } catch (JidFormatException e) {
            return Flux.empty();
        }
    }
}
