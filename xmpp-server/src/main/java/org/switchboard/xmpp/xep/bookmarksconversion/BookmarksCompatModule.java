package org.switchboard.xmpp.xep.bookmarksconversion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.Malformed;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.PepItem;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.privatedata.PrivateStorageModule;
import reactor.core.publisher.Mono;

/**
 * Private XML storage (XEP-0049) with {@code storage:bookmarks} kept in step with PEP bookmarks (XEP-0402 section
 * 5.3). It takes {@code jabber:iq:private} in front of {@link PrivateStorageModule}, which still checks and stores
 * everything: a set of {@code storage:bookmarks} stores the document without its conferences, then makes the PEP
 * node hold them; a get adds the PEP node's conferences to what is stored. Other private data passes straight through.
 * Conferences stored before this conversion existed move to PEP when their account's next session starts
 * ({@link LegacyBookmarks}), before that session can ask for anything.
 */
public final class BookmarksCompatModule implements XmppModule {

    public static final String COMPAT = Conferences.PEP + "#compat";

    private final PrivateStorageModule storage;
    private final PepBookmarks bookmarks;
    private final LegacyBookmarks legacy;
    private final int maxConferences;
    private final LegacyPep legacyPep;

    /**
     * @param pep            the PEP module, through which bookmarks are published
     * @param maxConferences the most items a PEP node keeps ({@code pubsub#max_items=max})
     */
    public BookmarksCompatModule(PrivateStorageModule storage, XmppModule pep, int maxConferences) {
        this.storage = storage;
        this.bookmarks = new PepBookmarks(pep, maxConferences);
        this.legacy = new LegacyBookmarks(storage, bookmarks);
        this.maxConferences = maxConferences;
        // XEP-0411 needs the PEP module's listener and its publishes on the account's behalf
        this.legacyPep = pep instanceof PepModule module ? new LegacyPep(module, this) : null;
        if (legacyPep != null) {
            ((PepModule) pep).listen(legacyPep);
        }
    }

    @Override
    public Set<String> features() {
        return storage.features();
    }

    @Override
    public Set<String> accountFeatures() {
        return legacyPep == null ? Set.of(COMPAT) : Set.of(COMPAT, LegacyPep.FEATURE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return storage.iqNamespaces();
    }

    @Override
    public Mono<Void> sessionStarted(ModuleContext context) {
        return context.sessionJid().map(session -> legacy.convert(session, context)).orElse(Mono.empty());
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        Jid session = context.ownAccountSession(iq).orElse(null);
        Element document = iq.iqChild().elements().stream().filter(element -> element.is("storage", Conferences.LEGACY))
                .findFirst().orElse(null);
        if (session == null || document == null) {
            // the storage module refuses what is not the account's own, and keeps everything else
            return storage.handleIq(iq, context);
        }
        return "get".equals(iq.type()) ? get(iq, session, context) : store(iq, session, document, context, true);
    }

    /** The {@code storage:bookmarks} document a private-storage get answers now; empty when there is none. */
    Mono<Element> assembled(Jid account, ModuleContext context) {
        Element ask = Element.builder("query", PrivateStorageModule.NAMESPACE).child(Element.of("storage", Conferences.LEGACY)).build();
        return get(Stanza.iq("get", "bookmarks-0411-" + java.util.UUID.randomUUID(), account, null, ask), account, context)
                .mapNotNull(LegacyBookmarks::document);
    }

    private Mono<Result> get(Stanza iq, Jid session, ModuleContext context) {
        return storage.handleIq(iq, context).flatMap(stored -> {
            Element document = LegacyBookmarks.document(stored);
            if (document == null) {
                return Mono.just(stored);
            }
            // no node: bookmarks were never set since the conversion came, and the stored document is all there is
            return bookmarks.conferences(session.bare(), context)
                    .map(conferences -> {
                        var merged = Element.builder("storage", Conferences.LEGACY);
                        conferences.values().forEach(merged::child);
                        document.elements().stream().filter(element -> !Conferences.isConference(element)).forEach(merged::child);
                        return Result.reply(iq.iqResult(Element.builder("query", PrivateStorageModule.NAMESPACE)
                                .child(merged.build()).build()));
                    })
                    .defaultIfEmpty(stored);
        });
    }

    /**
     * A set of {@code storage:bookmarks}; {@code toLegacyPep} false when it came from that PEP node (XEP-0411), whose
     * item is then already what was written.
     */
    Mono<Result> store(Stanza iq, Jid session, Element document, ModuleContext context, boolean toLegacyPep) {
        int size = StoredXml.write(document).getBytes(StandardCharsets.UTF_8).length;
        if (size > PrivateStorageModule.MAX_BYTES) {
            return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, "stored data is limited to " + PrivateStorageModule.MAX_BYTES
                    + " bytes"));
        }
        Map<String, PepItem> wanted = new LinkedHashMap<>();
        List<Element> kept = new ArrayList<>();
        for (Element element : document.elements()) {
            if (!Conferences.isConference(element)) {
                kept.add(element);
                continue;
            }
            try {
                PepItem item = Conferences.toPep(element);
                // a room bookmarked twice is one PEP item; the later one wins, as for a client reading the list in order
                wanted.remove(item.id());
                wanted.put(item.id(), item);
            } catch (Malformed e) {
                return Mono.just(Result.error(StanzaError.BAD_REQUEST, e.getMessage()));
            }
        }
        if (wanted.size() > maxConferences) {
            return Mono.just(Result.error(StanzaError.NOT_ACCEPTABLE, wanted.size() + " conference bookmarks; at most "
                    + maxConferences + " are kept"));
        }
        Element rest = document.withChildren(kept);
        List<Element> data = iq.iqChild().elements().stream().map(element -> element == document ? rest : element).toList();
        Stanza withoutConferences = new Stanza(iq.element().withChildren(List.of(iq.iqChild().withChildren(data))));
        // stored first: the storage module's own checks (reserved namespaces, sizes) refuse before PEP is touched
        return storage.handleIq(withoutConferences, context).flatMap(stored -> !LegacyBookmarks.succeeded(stored)
                ? Mono.just(stored)
                : bookmarks.replace(session, wanted, context).map(refusal -> LegacyBookmarks.refused(iq, refusal))
                        .switchIfEmpty(Mono.defer(() -> toLegacyPep && legacyPep != null
                                ? legacyPep.publish(session.bare(), document, context).thenReturn(stored)
                                : Mono.just(stored))));
    }
}
