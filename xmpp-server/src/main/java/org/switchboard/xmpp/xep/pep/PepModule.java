package org.switchboard.xmpp.xep.pep;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.caps.EntityCapabilities;
import org.switchboard.xmpp.xep.disco.AccountNodes;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.pubsub.Access;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubService;
import org.switchboard.xmpp.xep.pubsub.PubSubSettings;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The personal eventing service (XEP-0163) on every account's bare JID. It must see a session's presence
 * before the presence module does (it is listed before it): the caps there say which nodes the session wants.
 * An unknown caps {@code ver} is asked of the session itself with disco#info, without holding up its stanzas.
 */
public final class PepModule implements XmppModule, AccountNodes {

    static final Identity PEP = new Identity("pubsub", "pep", null);
    private static final String QUERY_ID_PREFIX = "pep-caps-";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";

    private final Interests interests = new Interests();
    /** Contacts' sessions on other servers (issue 16): their caps are asked like a local session's. */
    private final RemoteSessions remote = new RemoteSessions();
    private final PubSubService service;
    /** Sessions whose initial presence was seen (and whose last items went, or will go when their caps are known). */
    private final Set<Jid> available = ConcurrentHashMap.newKeySet();
    /** Sessions whose unknown caps were asked, with the query's id and what they announced. */
    private final Map<Jid, Pending> pending = new ConcurrentHashMap<>();

    /** @param before the nodes the session wanted before it announced {@code ver}; the last items of the others are due */
    private record Pending(String id, String ver, String hash, Set<String> before) {
    }

    /** Told of publishes; filled while the modules are wired, before the server starts. */
    private final List<PepListener> listeners = new CopyOnWriteArrayList<>();

    public PepModule(PubSubSettings settings) {
        this.service = new PubSubService(new PepHost(interests, remote, listeners), settings);
    }

    /** Tells {@code listener} of every item published on any account's PEP service. */
    public void listen(PepListener listener) {
        listeners.add(listener);
    }

    /**
     * Sends a pubsub request as the account itself would, from its bare JID to its own PEP service, through the
     * same checks, limits and notifications as a client's: how the server publishes on the account's behalf
     * (XEP-0398 section 3.2). {@code id} is the request's id, so listeners can tell it apart.
     */
    public Mono<Result> publishFor(Jid account, String id, Element pubsub, ModuleContext context) {
        Jid bare = account.bare();
        return service.handle(Stanza.iq("set", id, bare, bare, pubsub), bare, bare, context);
    }

    @Override
    public Set<String> features() {
        // smack-omemo and smack-openpgp look for pubsub (and its whitelist access model) on the server before using
        // PEP on the account; the server has no pubsub/service identity, so it is not taken for a pubsub service
        return accountFeatures();
    }

    @Override
    public Set<String> accountFeatures() {
        Set<String> features = new HashSet<>(PubSubService.FEATURES);
        features.add(PubSub.NAMESPACE + "#auto-subscribe");
        features.add(PubSub.NAMESPACE + "#filtered-notifications");
        return features;
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(PubSub.NAMESPACE, PubSub.OWNER);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid requester = iq.from();
        if (requester == null || context.addressedToServer(iq) && iq.to() != null) {
            // the server's own JID is no pubsub service; pubsub.<domain> is
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE, "the server itself is no pubsub service"));
        }
        Jid to = iq.to() != null ? iq.to() : requester.bare();
        return service.handle(iq, to, requester, context);
    }

    @Override
    public Mono<Result> handlePresence(Stanza presence, Flow flow, ModuleContext context) {
        if (flow == Flow.INBOUND) {
            return fromRemote(presence, context);
        }
        Jid session = context.sessionJid().orElse(null);
        if (flow != Flow.OUTBOUND || session == null || presence.to() != null) {
            return Mono.just(Result.pass());
        }
        if ("unavailable".equals(presence.type())) {
            forget(session);
            return Mono.just(Result.pass());
        }
        if (presence.type() != null) {
            return Mono.just(Result.pass());
        }
        boolean initial = available.add(session);
        Element caps = presence.element().child("c", EntityCapabilities.NAMESPACE).orElse(null);
        String ver = caps == null ? null : caps.attribute("ver");
        if (ver == null || caps.attribute("node") == null) {
            // a later presence without caps (a status change some clients send bare) leaves what is known as it is
            if (initial) {
                interests.set(session, Set.of());
            }
            return Mono.just(Result.pass());
        }
        if (ver.equals(interests.announcedVer(session)) && !initial) {
            return Mono.just(Result.pass());
        }
        // a session that starts wanting a node gets its last item, at initial presence or later (section 4.3.3)
        Set<String> before = initial ? Set.of() : interests.of(session);
        interests.announced(session, ver);
        Set<String> known = interests.cached(ver);
        if (known != null) {
            // an answer still due for an earlier ver describes caps the session no longer has (Smack sends its
            // initial presence before the features its managers add, then again with them): drop it, or it would
            // undo these
            pending.remove(session);
            interests.set(session, known);
            return LastItems.send(session, added(before, known), context).thenReturn(Result.pass());
        }
        return askCaps(session, caps, ver, before, context);
    }

    /** Asks the session what its caps mean; the answer ({@link #handleIqResponse}) says which nodes it wants. */
    private Mono<Result> askCaps(Jid session, Element caps, String ver, Set<String> before, ModuleContext context) {
        String id = QUERY_ID_PREFIX + UUID.randomUUID();
        pending.put(session, new Pending(id, ver, caps.attribute("hash"), before));
        Stanza query = Stanza.iq("get", id, context.serverJid(), session, Element.builder("query", DiscoModule.INFO)
                .attribute("node", caps.attribute("node") + "#" + ver).build());
        return context.router().route(query).thenReturn(Result.pass());
    }

    /**
     * A contact's presence from another server to a local account (issue 16): its caps are learnt as a local
     * session's, so the account's events reach it, and the account's last items go to it when it becomes available
     * to the account or starts wanting a node. Room occupants' presences (XEP-0045) are not contacts' and are left alone.
     */
    private Mono<Result> fromRemote(Stanza presence, ModuleContext context) {
        Jid from = presence.from();
        Jid to = presence.to();
        String ours = context.serverJid().domain();
        if (from == null || to == null || from.isBare() || from.domain().equals(ours) || from.domain().endsWith("." + ours)
                || presence.element().child("x", MUC_USER).isPresent()) {
            return Mono.just(Result.pass());
        }
        if ("unavailable".equals(presence.type())) {
            remote.unavailable(from);
            pending.remove(from);
            interests.forget(from);
            return Mono.just(Result.pass());
        }
        if (presence.type() != null) {
            return Mono.just(Result.pass());
        }
        Jid owner = to.bare();
        if (remote.owners(from).contains(owner)) {
            return remoteAvailable(presence, from, owner, context);
        }
        // only a contact in the account's roster with a subscription either way is tracked: nobody else can fill the
        // bounded table with sessions the account never agreed to hear of
        return new RosterStore(context.database()).find(owner, from.bare())
                .map(item -> item.subscription().hasTo() || item.subscription().hasFrom())
                .defaultIfEmpty(false)
                .flatMap(contact -> contact ? remoteAvailable(presence, from, owner, context) : Mono.just(Result.pass()))
                // the presence is delivered whatever became of this (PEP is never worth losing a presence for)
                .onErrorReturn(Result.pass());
    }

    /** An available presence of a contact's session elsewhere, to {@code owner}: tracked, and its caps learnt. */
    private Mono<Result> remoteAvailable(Stanza presence, Jid from, Jid owner, ModuleContext context) {
        boolean newSession = !remote.contains(from);
        boolean newOwner = remote.available(from, owner);
        if (!newOwner && !remote.contains(from)) {
            return Mono.just(Result.pass());
        }
        Element caps = presence.element().child("c", EntityCapabilities.NAMESPACE).orElse(null);
        String ver = caps == null ? null : caps.attribute("ver");
        if (ver == null || caps.attribute("node") == null) {
            if (newSession) {
                interests.set(from, Set.of());
            }
            return Mono.just(Result.pass());
        }
        if (!newSession && ver.equals(interests.announcedVer(from))) {
            // known caps, told to one more account (or again): that account's last items, unless the answer is due
            return (newOwner && !pending.containsKey(from) ? LastItems.sendOf(owner, from, interests.of(from), context)
                    : Mono.<Void>empty()).thenReturn(Result.pass());
        }
        Set<String> before = newSession ? Set.of() : interests.of(from);
        interests.announced(from, ver);
        Set<String> known = interests.cached(ver);
        if (known == null) {
            return askCaps(from, caps, ver, before, context);
        }
        pending.remove(from);
        interests.set(from, known);
        return lastItemsOfOwners(from, newOwner ? owner : null, before, known, context).thenReturn(Result.pass());
    }

    /** The last items a remote session newly wants, of each account it is available to ({@code newOwner}'s all). */
    private Mono<Void> lastItemsOfOwners(Jid session, Jid newOwner, Set<String> before, Set<String> now, ModuleContext context) {
        return Flux.fromIterable(remote.owners(session))
                .concatMap(owner -> LastItems.sendOf(owner, session, owner.equals(newOwner) ? now : added(before, now), context))
                .then();
    }

    @Override
    public Mono<Result> handleIqResponse(Stanza response, ModuleContext context) {
        String id = response.id();
        Jid from = response.from();
        if (id == null || !id.startsWith(QUERY_ID_PREFIX) || from == null) {
            return Mono.just(Result.pass());
        }
        Pending asked = pending.get(from);
        if (asked == null || !asked.id().equals(id) || !pending.remove(from, asked)) {
            return Mono.just(Result.pass());
        }
        Element info = response.iqChild();
        Set<String> nodes = "result".equals(response.type()) && info != null && info.is("query", DiscoModule.INFO)
                ? Interests.nodes(info) : Set.of();
        if (!nodes.isEmpty() && "sha-1".equals(asked.hash()) && EntityCapabilities.ver(info).equals(asked.ver())) {
            interests.learnt(asked.ver(), nodes);
        }
        interests.set(from, nodes);
        if (remote.contains(from)) {
            // a contact's session on another server: every account it is available to sends what it newly wants
            return lastItemsOfOwners(from, null, asked.before(), nodes, context).thenReturn(Result.handled());
        }
        // the last items wait for the caps; the session is still there if it has not ended meanwhile
        return (available.contains(from) ? LastItems.send(from, added(asked.before(), nodes), context) : Mono.<Void>empty())
                .thenReturn(Result.handled());
    }

    private static Set<String> added(Set<String> before, Set<String> now) {
        Set<String> added = new HashSet<>(now);
        added.removeAll(before);
        return added;
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        context.sessionJid().ifPresent(this::forget);
        return Mono.empty();
    }

    private void forget(Jid session) {
        available.remove(session);
        pending.remove(session);
        interests.forget(session);
    }

    @Override
    public Set<Identity> accountIdentities() {
        return Set.of(PEP);
    }

    @Override
    public Mono<Element> nodeInfo(Jid account, String node, Jid requester, ModuleContext context) {
        PubSubStore store = new PubSubStore(context.database());
        return store.node(account.toString(), node)
                .filterWhen(found -> Access.check(found, requester, store, context).hasElement().map(denied -> !denied))
                .map(found -> DiscoModule.info(Set.of(new Identity("pubsub", "leaf", null)), Set.of(PubSub.NAMESPACE))
                        .withAttribute("node", node));
    }

    @Override
    public Flux<Element> items(Jid account, Jid requester, ModuleContext context) {
        PubSubStore store = new PubSubStore(context.database());
        return store.nodes(account.toString())
                .filterWhen(node -> Access.check(node, requester, store, context).hasElement().map(denied -> !denied))
                .map(node -> Element.builder("item", DiscoModule.ITEMS).attribute("jid", account.toString())
                        .attribute("node", node.name()).build());
    }
}
