package org.switchboard.xmpp.im.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roster get, set and remove (RFC 6121 section 2) with roster versioning (XEP-0237). The subscription
 * state in each item is owned by the presence module; here the user edits names and groups, adds and
 * removes contacts.
 */
public final class RosterModule implements XmppModule {

    /** The stream feature advertising roster versioning (XEP-0237 section 2). */
    public static final String VERSIONING_FEATURE = "urn:xmpp:features:rosterver";

    private final RosterPushes pushes;

    public RosterModule(RosterPushes pushes) {
        this.pushes = pushes;
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(RosterItem.NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid owner = context.ownAccountSession(iq).orElse(null);
        // only a user's own sessions may see or change the roster (RFC 6121 section 2.1.5)
        if (owner == null) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        if ("get".equals(iq.type())) {
            pushes.markInterested(owner);
            return get(iq, owner, context);
        }
        try {
            RosterUpdate update = RosterUpdate.parse(iq.iqChild());
            return update.remove() ? remove(iq, owner, update.contact(), context) : set(iq, owner, update, context);
        } catch (RosterUpdate.Invalid invalid) {
            return Mono.just(Result.error(invalid.error(), invalid.getMessage()));
        }
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        context.sessionJid().ifPresent(pushes::forget);
        return Mono.empty();
    }

    private Mono<Result> get(Stanza iq, Jid owner, ModuleContext context) {
        RosterStore store = new RosterStore(context.database());
        String clientVersion = iq.iqChild().attribute("ver");
        return store.version(owner).flatMap(version -> {
            if (clientVersion != null && clientVersion.equals(Long.toString(version))) {
                // the client's copy is current: an empty result, changes follow as pushes (XEP-0237 section 4)
                return Mono.just(Result.reply(iq.iqResult()));
            }
            return store.items(owner).collectList().map(items -> {
                ElementBuilder query = Element.builder("query", RosterItem.NAMESPACE)
                        .attribute("ver", clientVersion == null ? null : Long.toString(version));
                items.forEach(item -> query.child(item.toElement()));
                return Result.reply(iq.iqResult(query.build()));
            });
        });
    }

    private Mono<Result> set(Stanza iq, Jid owner, RosterUpdate update, ModuleContext context) {
        RosterStore store = new RosterStore(context.database());
        return store.findOrAbsent(owner, update.contact())
                .map(current -> current.withUserFields(update.name(), update.groups()))
                .flatMap(item -> store.save(owner, item)
                        .flatMap(version -> pushes.push(owner, item, version, context)))
                .thenReturn(Result.reply(iq.iqResult()));
    }

    /**
     * Removing a contact also ends the subscriptions both ways (RFC 6121 section 2.5.2): the contact is told
     * with unsubscribe / unsubscribed, and stops seeing the user as available. The answer waits until those
     * are on a local contact's connections: a client holding both ends (SINT's roster tests) must not get the
     * answer, start listening on the contact's connection, and then take the late unsubscribe for what it waits for.
     */
    private Mono<Result> remove(Stanza iq, Jid owner, Jid contact, ModuleContext context) {
        RosterStore store = new RosterStore(context.database());
        return store.find(owner, contact)
                .filter(RosterItem::inRoster)
                .flatMap(item -> store.remove(owner, contact)
                        .flatMap(version -> pushes.pushRemoval(owner, contact, version, context))
                        .then(Flux.fromIterable(goodbyes(owner, item, context)).concatMap(context.router()::route).then())
                        .then(Flux.fromIterable(context.sessions().sessions(contact.bare()))
                                .flatMap(ClientSession::flushed).then())
                        .thenReturn(Result.reply(iq.iqResult())))
                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }

    private static List<Stanza> goodbyes(Jid owner, RosterItem item, ModuleContext context) {
        List<Stanza> stanzas = new ArrayList<>();
        Jid bare = owner.bare();
        if (item.subscription().hasTo() || item.pendingOut()) {
            stanzas.add(presence("unsubscribe", bare, item.contact()));
        }
        if (item.subscription().hasFrom() || item.pendingIn()) {
            stanzas.add(presence("unsubscribed", bare, item.contact()));
            context.sessions().sessions(bare).stream()
                    .filter(session -> session.presence().available())
                    .forEach(session -> stanzas.add(presence("unavailable", session.jid(), item.contact())));
        }
        return stanzas;
    }

    private static Stanza presence(String type, Jid from, Jid to) {
        return new Stanza(Element.builder("presence", Namespaces.CLIENT)
                .attribute("type", type)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .build());
    }
}
