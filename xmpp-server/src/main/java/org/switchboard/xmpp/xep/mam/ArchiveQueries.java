package org.switchboard.xmpp.xep.mam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.switchboard.xmpp.im.delivery.ResourceDelivery;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.rsm.ResultSetReply;
import reactor.core.publisher.Mono;

/**
 * Answers archive queries (XEP-0313 section 4): each result as a message to the asking session, then the IQ
 * result with {@code <fin/>} and the page's RSM set. Results go straight to the session, ahead of the IQ
 * result, because section 4.2 has the client expect them before the {@code <fin/>}.
 */
final class ArchiveQueries {

    /** Items per page when the client does not say (RSM {@code max}). */
    static final int DEFAULT_PAGE = 50;
    /** Items per page at most, whatever the client asks: a page is built in memory and sent at once. */
    static final int MAX_PAGE = 250;

    private static final String FORWARD = "urn:xmpp:forward:0";
    private static final String DELAY = "urn:xmpp:delay";

    private final ArchiveStore store;
    private final String namespace;

    ArchiveQueries(ArchiveStore store, String namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    /** The query form with the fields this server filters by (section 4.1.5). */
    Element form() {
        List<DataForm.Field> fields = new ArrayList<>();
        fields.add(DataForm.Field.hidden("FORM_TYPE", namespace));
        fields.addAll(ArchiveQuery.FIELDS);
        return Element.builder("query", namespace).child(new DataForm("form", null, null, fields).toElement()).build();
    }

    Mono<Result> run(Stanza iq, Jid session, ModuleContext context) {
        ArchiveQuery query;
        try {
            query = ArchiveQuery.from(iq.iqChild(), namespace);
        } catch (ArchiveQuery.Invalid e) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, e.getMessage()));
        }
        Integer asked = query.page().max();
        int max = Math.min(asked == null ? DEFAULT_PAGE : asked, MAX_PAGE);
        Jid owner = session.bare();
        return store.page(owner, query, max)
                .map(page -> {
                    List<ArchiveStore.Archived> sent = new ArrayList<>(page.items());
                    if (query.flip()) {
                        Collections.reverse(sent);
                    }
                    for (ArchiveStore.Archived item : sent) {
                        ResourceDelivery.toResource(context, session, result(owner, session, query.queryId(), item));
                    }
                    return Result.reply(iq.iqResult(fin(page)));
                })
                .onErrorResume(ArchiveStore.UnknownId.class,
                        e -> Mono.just(Result.error(StanzaError.ITEM_NOT_FOUND, e.getMessage())));
    }

    private Stanza result(Jid owner, Jid session, String queryId, ArchiveStore.Archived item) {
        Element forwarded = Element.builder("forwarded", FORWARD)
                .child(Element.builder("delay", DELAY).attribute("stamp", item.at().toString()).build())
                .child(item.message())
                .build();
        Element result = Element.builder("result", namespace)
                .attribute("queryid", queryId)
                .attribute("id", item.stanzaId())
                .child(forwarded)
                .build();
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", owner.toString())
                .attribute("to", session.toString())
                .child(result)
                .build());
    }

    /**
     * {@code <fin/>}: complete when the page reaches the end of the results in the direction paged; first and
     * last name the page's oldest and newest items (archive order, also under flip-page, so paging on with
     * them keeps its meaning). The archive never reorders, so results are always stable.
     */
    private Element fin(ArchiveStore.Page page) {
        List<ArchiveStore.Archived> items = page.items();
        ResultSetReply set = items.isEmpty()
                ? new ResultSetReply(null, null, null, page.count())
                : new ResultSetReply(items.get(0).stanzaId(), page.firstIndex(), items.get(items.size() - 1).stanzaId(), page.count());
        ElementBuilder fin = Element.builder("fin", namespace);
        if (page.complete()) {
            fin.attribute("complete", "true");
        }
        return fin.child(set.toElement()).build();
    }

    Mono<Result> metadata(Stanza iq, Jid owner) {
        return store.edges(owner).map(edges -> {
            ElementBuilder metadata = Element.builder("metadata", namespace);
            edges.first().ifPresent(first -> metadata.child(edge("start", first)));
            edges.last().ifPresent(last -> metadata.child(edge("end", last)));
            return Result.reply(iq.iqResult(metadata.build()));
        });
    }

    private Element edge(String name, ArchiveStore.Archived entry) {
        return Element.builder(name, namespace)
                .attribute("id", entry.stanzaId())
                .attribute("timestamp", entry.at().toString())
                .build();
    }
}
