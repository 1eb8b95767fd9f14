package org.switchboard.xmpp.im.roster;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roster pushes (RFC 6121 section 2.1.6) go to the user's "interested resources": the sessions that have
 * requested the roster. Which sessions those are lives here, in memory, because it ends with the session.
 */
public final class RosterPushes {

    private final Set<Jid> interested = ConcurrentHashMap.newKeySet();

    public void markInterested(Jid fullJid) {
        interested.add(fullJid);
    }

    public void forget(Jid fullJid) {
        interested.remove(fullJid);
    }

    public boolean isInterested(Jid fullJid) {
        return interested.contains(fullJid);
    }

    /** Pushes the changed item to every interested session of {@code owner}. */
    public Mono<Void> push(Jid owner, RosterItem item, long version, ModuleContext context) {
        return push(owner, item.inRoster() ? item.toElement() : RosterItem.removal(item.contact()), version, context);
    }

    /** Pushes the removal of {@code contact} to every interested session of {@code owner}. */
    public Mono<Void> pushRemoval(Jid owner, Jid contact, long version, ModuleContext context) {
        return push(owner, RosterItem.removal(contact), version, context);
    }

    private Mono<Void> push(Jid owner, Element item, long version, ModuleContext context) {
        Jid bare = owner.bare();
        Element query = Element.builder("query", RosterItem.NAMESPACE)
                .attribute("ver", Long.toString(version))
                .child(item)
                .build();
        return Flux.fromIterable(context.sessions().sessions(bare))
                .filter(session -> interested.contains(session.jid()))
                .concatMap(session -> context.router().route(
                        Stanza.iq("set", "push-" + UUID.randomUUID(), bare, session.jid(), query)))
                .then();
    }
}
