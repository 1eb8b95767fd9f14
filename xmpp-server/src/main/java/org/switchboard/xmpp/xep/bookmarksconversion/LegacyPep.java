package org.switchboard.xmpp.xep.bookmarksconversion;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.pep.PepListener;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.pubsub.Item;
import org.switchboard.xmpp.xep.pubsub.Node;
import org.switchboard.xmpp.xep.pubsub.PubSub;
import reactor.core.publisher.Mono;

/**
 * XEP-0411: XEP-0048 bookmarks on PEP (node {@code storage:bookmarks}, one item {@code current}) converted to and from
 * private XML storage. A private-storage set is published there (section 3: subscribers of that node are notified);
 * a publish there is stored in private storage as if set there, so it reaches XEP-0402 too. Publishes made by this
 * conversion carry an id of their own and are not converted back, so nothing loops. An item that is not
 * {@code <storage xmlns='storage:bookmarks'/>} is left as published and not converted (XEP-0411 names no error).
 */
final class LegacyPep implements PepListener {

    static final String FEATURE = "urn:xmpp:bookmarks-conversion:0";
    private static final String ID_PREFIX = "bookmarks-0411-";
    private static final Logger log = LoggerFactory.getLogger(LegacyPep.class);

    private final PepModule pep;
    private final BookmarksCompatModule bookmarks;

    LegacyPep(PepModule pep, BookmarksCompatModule bookmarks) {
        this.pep = pep;
        this.bookmarks = bookmarks;
    }

    static boolean isConversion(Stanza request) {
        return request.id() != null && request.id().startsWith(ID_PREFIX);
    }

    @Override
    public Mono<Void> published(Node node, Item item, Stanza request, ModuleContext context) {
        if (node.name().equals(Conferences.PEP) && !isConversion(request) && !PepBookmarks.isCompat(request)) {
            // a XEP-0402 client's publish: the storage:bookmarks item shows it too (retractions do not reach listeners)
            Jid account = Jid.parse(node.service());
            return bookmarks.assembled(account, context).flatMap(document -> publish(account, document, context))
                    .onErrorResume(e -> Mono.fromRunnable(() -> log.warn("{}'s bookmarks are not copied to {}", account,
                            Conferences.LEGACY, e)));
        }
        if (!node.name().equals(Conferences.LEGACY) || isConversion(request) || item == null) {
            return Mono.empty();
        }
        Element document = item.payload();
        Jid account = Jid.parse(node.service());
        if (document == null || !document.is("storage", Conferences.LEGACY)) {
            log.info("{}'s {} item is no <storage xmlns='{}'/>; not converted", account, Conferences.LEGACY, Conferences.LEGACY);
            return Mono.empty();
        }
        Jid session = request.from() != null ? request.from() : account;
        Stanza set = Stanza.iq("set", ID_PREFIX + UUID.randomUUID(), session, null,
                Element.builder("query", org.switchboard.xmpp.xep.privatedata.PrivateStorageModule.NAMESPACE).child(document).build());
        return bookmarks.store(set, session, document, context, false)
                .doOnNext(result -> {
                    if (!LegacyBookmarks.succeeded(result)) {
                        log.info("{}'s {} PEP item is not in private storage: refused there", account, Conferences.LEGACY);
                    }
                })
                .onErrorResume(e -> Mono.fromRunnable(() -> log.warn("{}'s PEP bookmarks are not converted", account, e)))
                .then();
    }

    /** Publishes the document as the account's {@code storage:bookmarks} item, only the account reading it (section 5). */
    Mono<Void> publish(Jid account, Element document, ModuleContext context) {
        var options = new DataForm("submit", null, null, List.of(
                DataForm.Field.hidden("FORM_TYPE", PubSub.NAMESPACE + "#publish-options"),
                new DataForm.Field("pubsub#persist_items", null, null, false, List.of("true")),
                new DataForm.Field("pubsub#access_model", null, null, false, List.of("whitelist"))));
        Element request = Element.builder("pubsub", PubSub.NAMESPACE)
                .child(Element.builder("publish", PubSub.NAMESPACE).attribute("node", Conferences.LEGACY)
                        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", "current").child(document).build()).build())
                .child(Element.builder("publish-options", PubSub.NAMESPACE).child(options.toElement()).build())
                .build();
        return pep.publishFor(account, ID_PREFIX + UUID.randomUUID(), request, context)
                .doOnNext(result -> {
                    if (!LegacyBookmarks.succeeded(result)) {
                        // a node the client opened to others: not converted rather than exposed (XEP-0411 section 5)
                        log.info("{}'s private bookmarks are not published on {}: PEP refused", account, Conferences.LEGACY);
                    }
                })
                .then();
    }
}
