package org.switchboard.xmpp.xep.bookmarksconversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import org.switchboard.xmpp.xep.pubsub.PubSubStore;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.PepItem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's {@code urn:xmpp:bookmarks:1} node. It is read from the store, and written only through the PEP
 * module as the session itself would, so access checks, limits, preconditions and notifications to the account's
 * other resources (XEP-0402 section 4) are the PEP service's own.
 */
final class PepBookmarks {

    private static final String PREFIX = "bookmarks-compat-";

    private final XmppModule pep;
    private final int maxItems;

    PepBookmarks(XmppModule pep, int maxItems) {
        this.pep = pep;
        this.maxItems = maxItems;
    }

    /** Whether the request is one of this class's own publishes or retractions. */
    static boolean isCompat(Stanza request) {
        return request.id() != null && request.id().startsWith(PREFIX);
    }

    /** The node's items as legacy conferences by room JID, or empty when the account has no such node. */
    Mono<Map<String, Element>> conferences(Jid account, ModuleContext context) {
        PubSubStore store = new PubSubStore(context.database());
        return store.node(account.toString(), Conferences.PEP)
                .flatMap(node -> store.items(node.id(), maxItems)
                        .collect(LinkedHashMap<String, Element>::new, (found, item) -> {
                            Element legacy = Conferences.toLegacy(item.id(), item.payload());
                            if (legacy != null) {
                                found.put(item.id(), legacy);
                            }
                        }));
    }

    /**
     * Makes the node hold exactly {@code wanted}: publishes what is new or changed (unchanged items are left alone,
     * so they notify nobody, as XEP-0402 section 5.3 asks), retracts what is gone. Empty when done, else the PEP
     * service's error reply.
     */
    Mono<Stanza> replace(Jid session, Map<String, PepItem> wanted, ModuleContext context) {
        return conferences(session.bare(), context).defaultIfEmpty(Map.of()).flatMap(current -> {
            List<Element> requests = new ArrayList<>();
            wanted.forEach((id, asked) -> {
                Element before = current.get(id);
                PepItem item = Conferences.keepingExtensions(asked, before);
                if (before == null || !same(before, Conferences.toLegacy(id, item.payload()))) {
                    requests.add(publish(item));
                }
            });
            current.keySet().stream().filter(id -> !wanted.containsKey(id)).forEach(id -> requests.add(retract(id)));
            return Flux.fromIterable(requests)
                    .concatMap(request -> pep.handleIq(Stanza.iq("set", PREFIX + UUID.randomUUID(), session, null,
                            request), context).mapNotNull(PepBookmarks::refusal))
                    .next();
        });
    }

    /** Compared as written, both in this class's own form, so attribute order and prefixes do not count. */
    private static boolean same(Element a, Element b) {
        return StoredXml.write(a).equals(StoredXml.write(b));
    }

    /** The error reply the PEP service gave, or null when it accepted. */
    private static Stanza refusal(Result result) {
        if (result instanceof Result.Reply reply) {
            return reply.stanzas().stream().filter(stanza -> "error".equals(stanza.type())).findFirst().orElse(null);
        }
        if (result instanceof Result.Failed failed) {
            return new Stanza(Element.builder("iq", Namespaces.CLIENT).attribute("type", "error")
                    .child(failed.error().toElement(failed.text())).build());
        }
        return null;
    }

    /** A publish with the node configuration XEP-0402 section 3 requires of bookmarks. */
    private static Element publish(PepItem item) {
        var options = new DataForm("submit", null, null, List.of(
                DataForm.Field.hidden("FORM_TYPE", PubSub.NAMESPACE + "#publish-options"),
                option("pubsub#persist_items", "true"),
                option("pubsub#max_items", "max"),
                option("pubsub#send_last_published_item", "never"),
                option("pubsub#access_model", "whitelist")));
        return Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", Conferences.PEP)
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", item.id()).child(item.payload()).build())
                        .build())
                .child(Element.builder("publish-options", PubSub.NAMESPACE).child(options.toElement()).build())
                .build();
    }

    private static DataForm.Field option(String var, String value) {
        return new DataForm.Field(var, null, null, false, List.of(value));
    }

    /** A retraction that notifies (XEP-0402 section 4.3 has clients ask for it too). */
    private static Element retract(String id) {
        return Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("retract", PubSub.NAMESPACE).attribute("node", Conferences.PEP).attribute("notify", "true")
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", id).build()).build())
                .build();
    }
}
