package org.switchboard.xmpp.xep.disco;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.caps.EntityCapabilities;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Service discovery (XEP-0030) for the server, computed from what the registered modules declare, and for
 * accounts' bare JIDs, answered by the server on the account's behalf to its owner and to contacts with a
 * presence subscription (others learn nothing, not even that the account exists).
 */
public final class DiscoModule implements XmppModule {

    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";
    static final Identity REGISTERED_ACCOUNT = new Identity("account", "registered", null);

    private final List<DiscoNodes> nodes;
    private final List<AccountNodes> accountNodes;

    public DiscoModule() {
        this(List.of());
    }

    /** @param nodes modules answering for nodes on the server's JID, asked in order */
    public DiscoModule(List<? extends DiscoNodes> nodes) {
        this(nodes, List.of());
    }

    /** @param accountNodes modules answering for identities, items and nodes of accounts' bare JIDs */
    public DiscoModule(List<? extends DiscoNodes> nodes, List<? extends AccountNodes> accountNodes) {
        this.nodes = List.copyOf(nodes);
        this.accountNodes = List.copyOf(accountNodes);
    }

    @Override
    public Set<String> features() {
        return Set.of(INFO, ITEMS);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(INFO, ITEMS);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        if (!"get".equals(iq.type())) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        Element query = iq.iqChild();
        Jid target = iq.to() != null ? iq.to() : context.sessionJid().map(Jid::bare).orElse(context.serverJid());
        if (target.equals(context.serverJid())) {
            String node = query.attribute("node");
            if (node != null && query.is("query", INFO) && node.equals(capsNode(context))) {
                // XEP-0115 section 6.2: the caps node#ver answers exactly what the server's own info does
                return Mono.just(Result.reply(iq.iqResult(serverInfo(context).withAttribute("node", node))));
            }
            if (node != null) {
                return node(iq, node, query.is("query", INFO), context);
            }
            return Mono.just(Result.reply(iq.iqResult(query.is("query", INFO)
                    ? serverInfo(context)
                    : serverItems(context))));
        }
        return mayDiscover(iq.from(), target, context).flatMap(allowed -> {
            if (!allowed) {
                return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
            }
            String node = query.attribute("node");
            if (node != null) {
                return query.is("query", INFO)
                        ? Flux.fromIterable(accountNodes).concatMap(provider -> provider.nodeInfo(target.bare(), node, iq.from(), context))
                                .next().map(info -> Result.reply(iq.iqResult(info)))
                                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND))
                        : Mono.just(Result.error(StanzaError.ITEM_NOT_FOUND));
            }
            if (query.is("query", INFO)) {
                Set<Identity> identities = new HashSet<>(Set.of(REGISTERED_ACCOUNT));
                accountNodes.forEach(provider -> identities.addAll(provider.accountIdentities()));
                return Mono.just(Result.reply(iq.iqResult(info(identities, accountFeatures(context), List.of()))));
            }
            return Flux.fromIterable(accountNodes).concatMap(provider -> provider.items(target.bare(), iq.from(), context))
                    .collectList()
                    .map(items -> Result.reply(iq.iqResult(Element.of("query", ITEMS).withChildren(items))));
        });
    }

    private static Element serverInfo(ModuleContext context) {
        return info(context.serverIdentities(), context.serverFeatures(), context.serverForms());
    }

    private static Element serverItems(ModuleContext context) {
        ElementBuilder query = Element.builder("query", ITEMS);
        context.serverItems().stream().sorted()
                .forEach(jid -> query.child(Element.builder("item", ITEMS).attribute("jid", jid).build()));
        return query.build();
    }

    private static String capsNode(ModuleContext context) {
        return EntityCapabilities.NODE + "#"
                + EntityCapabilities.ver(context.serverIdentities(), context.serverFeatures(), context.serverForms());
    }

    private static Set<String> accountFeatures(ModuleContext context) {
        Set<String> features = new HashSet<>(context.accountFeatures());
        features.add(INFO);
        features.add(ITEMS);
        return features;
    }

    private Mono<Result> node(Stanza iq, String node, boolean info, ModuleContext context) {
        return Flux.fromIterable(nodes)
                .concatMap(provider -> info ? provider.info(node, iq.from(), context) : provider.items(node, iq.from(), context))
                .next()
                .map(answer -> Result.reply(iq.iqResult(answer)))
                .defaultIfEmpty(Result.error(StanzaError.ITEM_NOT_FOUND));
    }

    /** The owner and subscribed contacts may discover an account (XEP-0030 section 3.2, RFC 6121 privacy). */
    private static Mono<Boolean> mayDiscover(Jid requester, Jid account, ModuleContext context) {
        if (requester == null) {
            return Mono.just(false);
        }
        if (requester.bare().equals(account.bare())) {
            return Mono.just(true);
        }
        return new RosterStore(context.database()).find(account.bare(), requester.bare())
                .map(item -> item.subscription().hasFrom())
                .defaultIfEmpty(false);
    }

    /** A disco#info result, identities and features sorted so the answer is stable (and usable for caps hashes). */
    public static Element info(Set<Identity> identities, Set<String> features) {
        return info(identities, features, List.of());
    }

    /** A disco#info result with extended information forms (XEP-0128) after the features. */
    public static Element info(Set<Identity> identities, Set<String> features, List<Element> forms) {
        ElementBuilder query = Element.builder("query", INFO);
        identities.stream()
                .sorted(Comparator.comparing(Identity::category).thenComparing(Identity::type))
                .forEach(identity -> query.child(Element.builder("identity", INFO)
                        .attribute("category", identity.category())
                        .attribute("type", identity.type())
                        .attribute("name", identity.name())
                        .build()));
        features.stream().sorted().forEach(feature -> query.child(Element.builder("feature", INFO)
                .attribute("var", feature)
                .build()));
        forms.forEach(query::child);
        return query.build();
    }
}
