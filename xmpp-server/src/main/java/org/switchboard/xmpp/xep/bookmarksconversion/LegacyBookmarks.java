package org.switchboard.xmpp.xep.bookmarksconversion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.Malformed;
import org.switchboard.xmpp.xep.bookmarksconversion.Conferences.PepItem;
import org.switchboard.xmpp.xep.privatedata.PrivateStorageModule;
import reactor.core.publisher.Mono;

/**
 * Conferences still inside the stored {@code storage:bookmarks} document (stored before the conversion existed):
 * moved to the PEP node, joining what is there (a PEP item of the same room wins), and the document stored without
 * them. Done when a session starts, so a client that reads only PEP finds them (XEP-0411 section 4 asks the same of
 * servers that copy). Stored documents hold no conferences once converted, so this reads one row per login.
 */
final class LegacyBookmarks {

    private static final Logger log = LoggerFactory.getLogger(LegacyBookmarks.class);

    private final PrivateStorageModule storage;
    private final PepBookmarks bookmarks;

    LegacyBookmarks(PrivateStorageModule storage, PepBookmarks bookmarks) {
        this.storage = storage;
        this.bookmarks = bookmarks;
    }

    Mono<Void> convert(Jid session, ModuleContext context) {
        Element ask = Element.builder("query", PrivateStorageModule.NAMESPACE).child(Element.of("storage", Conferences.LEGACY)).build();
        return storage.handleIq(request("get", session, ask), context).flatMap(stored -> {
            Element document = document(stored);
            if (document == null || document.elements().stream().noneMatch(Conferences::isConference)) {
                return Mono.empty();
            }
            Map<String, PepItem> legacy = new LinkedHashMap<>();
            for (Element element : document.elements()) {
                if (Conferences.isConference(element)) {
                    try {
                        PepItem item = Conferences.toPep(element);
                        legacy.put(item.id(), item);
                    } catch (Malformed e) {
                        // stored before sets were checked; nothing could join the room it names
                        log.info("dropping a stored conference bookmark of {}: {}", session.bare(), e.getMessage());
                    }
                }
            }
            Element rest = document.withChildren(document.elements().stream().filter(e -> !Conferences.isConference(e)).toList());
            return bookmarks.conferences(session.bare(), context).defaultIfEmpty(Map.of())
                    .flatMap(current -> {
                        Map<String, PepItem> wanted = new LinkedHashMap<>(legacy);
                        current.forEach((id, conference) -> {
                            try {
                                wanted.put(id, Conferences.toPep(conference));
                            } catch (Malformed e) {
                                // an item id that is no room JID: left for its publisher to retract
                            }
                        });
                        return bookmarks.replace(session, wanted, context);
                    })
                    .doOnNext(refusal -> log.warn("bookmarks of {} stay in private storage; PEP refused them: {}", session.bare(),
                            refusal.toXml()))
                    .map(refusal -> false)
                    .defaultIfEmpty(true)
                    .flatMap(moved -> moved ? storage.handleIq(request("set", session, Element.builder("query",
                            PrivateStorageModule.NAMESPACE).child(rest).build()), context).then() : Mono.empty());
        });
    }

    private static Stanza request(String type, Jid session, Element query) {
        return Stanza.iq(type, "bookmarks-legacy-" + UUID.randomUUID(), session, null, query);
    }

    /** The {@code <storage/>} of the storage module's answer to a get, null when it answered with an error. */
    static Element document(Result stored) {
        if (!succeeded(stored) || ((Result.Reply) stored).stanzas().isEmpty()) {
            return null;
        }
        Element query = ((Result.Reply) stored).stanzas().get(0).iqChild();
        return query == null ? null : query.child("storage", Conferences.LEGACY).orElse(null);
    }

    /** Whether the storage module accepted: it answers a result, or fails. */
    static boolean succeeded(Result stored) {
        return stored instanceof Result.Reply reply && reply.stanzas().stream().allMatch(stanza -> "result".equals(stanza.type()));
    }

    /** The PEP service's refusal as the answer to the private-storage request. */
    static Result refused(Stanza iq, Stanza refusal) {
        var error = Element.builder("iq", Namespaces.CLIENT).attribute("type", "error").attribute("id", iq.id())
                .attribute("from", iq.element().attribute("to")).attribute("to", iq.element().attribute("from"));
        refusal.element().child("error", Namespaces.CLIENT).ifPresent(error::child);
        return Result.reply(new Stanza(error.build()));
    }
}
