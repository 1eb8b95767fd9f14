package org.switchboard.xmpp.xep.pubsub;

import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * The access models of XEP-0060 section 4.5, decided against the node owner's roster. The owner always has
 * access; an {@code outcast} never does.
 */
public final class Access {

    /** Why access is refused: the RFC 6120 condition, the {@code pubsub#errors} condition and a text. */
    public record Denial(StanzaError error, String pubsubCondition, String text) {
    }

    private Access() {
    }

    public static Jid owner(Node node) {
        return Jid.parse(node.creator());
    }

    /** Empty when {@code requester} (any JID; its bare JID counts) may see the node's items, else why not. */
    public static Mono<Denial> check(Node node, Jid requester, PubSubStore store, ModuleContext context) {
        Jid bare = requester.bare();
        if (bare.equals(owner(node))) {
            return Mono.empty();
        }
        return store.affiliation(node.id(), bare.toString()).defaultIfEmpty("none").flatMap(affiliation -> {
            if (affiliation.equals("outcast")) {
                return Mono.just(new Denial(StanzaError.FORBIDDEN, null, "you are banned from this node"));
            }
            if (affiliation.equals("owner") || affiliation.equals("publisher") || affiliation.equals("member")) {
                return Mono.empty();
            }
            return byModel(node, bare, context);
        });
    }

    private static Mono<Denial> byModel(Node node, Jid bare, ModuleContext context) {
        return switch (node.config().accessModel()) {
            case OPEN -> Mono.empty();
            case PRESENCE -> unless(rosterItem(node, bare, context).filter(item -> item.subscription().hasFrom()),
                    new Denial(StanzaError.NOT_AUTHORIZED, "presence-subscription-required",
                            "the node's owner shares it with contacts subscribed to their presence"));
            case ROSTER -> unless(rosterItem(node, bare, context)
                            .filter(item -> item.inRoster() && item.groups().stream().anyMatch(node.config().rosterGroupsAllowed()::contains)),
                    new Denial(StanzaError.NOT_AUTHORIZED, "not-in-roster-group", "the node's owner shares it with some roster groups only"));
            case WHITELIST -> Mono.just(new Denial(StanzaError.NOT_ALLOWED, "closed-node", "the node is on a whitelist"));
        };
    }

    private static Mono<Denial> unless(Mono<RosterItem> allowed, Denial denial) {
        return allowed.hasElement().flatMap(ok -> ok ? Mono.empty() : Mono.just(denial));
    }

    private static Mono<RosterItem> rosterItem(Node node, Jid bare, ModuleContext context) {
        return new RosterStore(context.database()).find(owner(node), bare);
    }
}
