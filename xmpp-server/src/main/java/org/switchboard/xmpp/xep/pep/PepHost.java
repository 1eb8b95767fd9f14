package org.switchboard.xmpp.xep.pep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pubsub.Access;
import org.switchboard.xmpp.xep.pubsub.Item;
import org.switchboard.xmpp.xep.pubsub.Node;
import org.switchboard.xmpp.xep.pubsub.NodeConfig;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubHost;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PEP as a pubsub service (XEP-0163 section 4): the account owns every node on its bare JID, only the account
 * creates and publishes, and a notification goes to the account's own available resources and to contacts'
 * available resources (local, or on other servers: {@link RemoteSessions}) that asked for the node with {@code +notify} and that the access model lets see it, plus
 * anyone subscribed explicitly.
 */
final class PepHost implements PubSubHost {

    private final Interests interests;
    private final RemoteSessions remote;
    private final List<PepListener> listeners;

    PepHost(Interests interests, RemoteSessions remote, List<PepListener> listeners) {
        this.interests = interests;
        this.remote = remote;
        this.listeners = listeners;
    }

    @Override
    public String service(Jid to) {
        return to.bare().toString();
    }

    @Override
    public Jid account(String service) {
        return Jid.parse(service);
    }

    @Override
    public NodeConfig defaults() {
        return NodeConfig.pepDefaults();
    }

    @Override
    public boolean createsOnPublish() {
        return true;
    }

    @Override
    public boolean mayCreate(String service, Jid requester) {
        return requester.bare().toString().equals(service);
    }

    @Override
    public Mono<Void> notify(Node node, Element event, ModuleContext context) {
        Jid owner = Jid.parse(node.service());
        PubSubStore store = new PubSubStore(context.database());
        Flux<Jid> contacts = new RosterStore(context.database()).items(owner)
                .filter(item -> item.subscription().hasFrom())
                .flatMapIterable(item -> interested(item.contact(), node.name(), context))
                .filterWhen(session -> Access.check(node, session, store, context).hasElement().map(denied -> !denied));
        Flux<Jid> subscribers = store.subscribers(node.id()).flatMap(row -> parse(row[0]))
                .filterWhen(jid -> Access.check(node, jid, store, context).hasElement().map(denied -> !denied));
        return Flux.fromIterable(interested(owner, node.name(), context))
                .concatWith(contacts)
                .concatWith(subscribers)
                .collect(LinkedHashSet<Jid>::new, Set::add)
                .flatMapMany(Flux::fromIterable)
                .concatMap(to -> context.router().route(event(owner, to, event)))
                .then();
    }

    @Override
    public Mono<Void> published(Node node, Item item, Stanza request, ModuleContext context) {
        return Flux.fromIterable(listeners).concatMap(listener -> listener.published(node, item, request, context)).then();
    }

    /** The available sessions of an account that asked for the node: a local account's, or a remote contact's. */
    private Set<Jid> interested(Jid account, String node, ModuleContext context) {
        Set<Jid> sessions = new LinkedHashSet<>();
        for (ClientSession session : context.sessions().sessions(account.bare())) {
            if (session.presence().available() && interests.wants(session.jid(), node)) {
                sessions.add(session.jid());
            }
        }
        for (Jid session : remote.of(account.bare())) {
            if (interests.wants(session, node)) {
                sessions.add(session);
            }
        }
        return sessions;
    }

    /** A notification: a headline from the owner's bare JID (section 4.3.2). */
    static Stanza event(Jid owner, Jid to, Element event) {
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", owner.toString()).attribute("to", to.toString()).attribute("type", "headline")
                .attribute("id", UUID.randomUUID().toString())
                .child(Element.builder("event", PubSub.EVENT).child(event).build())
                .build());
    }

    private static Mono<Jid> parse(String jid) {
        try {
            return Mono.just(Jid.parse(jid));
        } catch (JidFormatException e) {
            return Mono.empty();
        }
    }
}
