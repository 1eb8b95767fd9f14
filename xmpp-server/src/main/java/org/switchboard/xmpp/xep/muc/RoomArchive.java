package org.switchboard.xmpp.xep.muc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.rsm.ResultSetReply;
import org.switchboard.xmpp.xep.rsm.ResultSetRequest;
import reactor.core.publisher.Mono;

/**
 * XEP-0313 queries of a room's archive, addressed to the room's bare JID (section 6.1.2 of XEP-0313): anyone
 * who may enter the room may read it. Filters: {@code with} (an occupant's room JID, i.e. a nick), {@code start},
 * {@code end}, {@code after-id}/{@code before-id}; RSM paging by stanza id. Results go to the asker first, then
 * the IQ result with {@code <fin/>}.
 */
final class RoomArchive {

    static final String NAMESPACE = "urn:xmpp:mam:2";
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 250;
    private static final String FORWARD = "urn:xmpp:forward:0";

    private final RoomStore store;

    RoomArchive(RoomStore store) {
        this.store = store;
    }

    /** The asker may read the archive: not banned, and a member of a members-only room. */
    static String refusal(Room room, Jid asker) {
        Affiliation affiliation = room.affiliation(asker);
        if (affiliation == Affiliation.OUTCAST) {
            return "you are banned from this room";
        }
        if (room.config.membersOnly() && !affiliation.atLeast(Affiliation.MEMBER)) {
            return "the archive of a members-only room is for its members";
        }
        return null;
    }

    static Element form() {
        List<DataForm.Field> fields = List.of(DataForm.Field.hidden("FORM_TYPE", NAMESPACE),
                new DataForm.Field("with", "jid-single", null, false, List.of()),
                new DataForm.Field("start", "text-single", null, false, List.of()),
                new DataForm.Field("end", "text-single", null, false, List.of()),
                new DataForm.Field("before-id", "text-single", null, false, List.of()),
                new DataForm.Field("after-id", "text-single", null, false, List.of()));
        return Element.builder("query", NAMESPACE).child(new DataForm("form", null, null, fields).toElement()).build();
    }

    /** A query that cannot run; the message is the error text. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs the query: the result messages, then the IQ result; or the error. */
    Mono<List<Stanza>> query(Room room, Stanza iq) {
        Element query = iq.iqChild();
        Map<String, List<String>> fields = query.child("x", DataForm.NAMESPACE).map(DataForm::submittedValues).orElse(Map.of());
        String nick = null;
        Instant start = Instant.EPOCH;
        Instant end = Instant.parse("9999-12-31T23:59:59Z");
        String afterId = null;
        String beforeId = null;
        ResultSetRequest page;
        try {
            for (Map.Entry<String, List<String>> field : fields.entrySet()) {
                String value = field.getValue().isEmpty() ? null : field.getValue().get(0);
                switch (field.getKey()) {
                    case "FORM_TYPE" -> {
                        if (!NAMESPACE.equals(value)) {
                            throw new Invalid("FORM_TYPE must be " + NAMESPACE);
                        }
                    }
                    case "with" -> {
                        Jid with = value == null ? null : Jid.parseOrNull(value.trim());
                        if (with == null || !with.bare().equals(room.jid) || with.resource() == null) {
                            throw new Invalid("'with' must be an occupant's room JID, " + room.jid + "/nick");
                        }
                        nick = with.resource();
                    }
                    case "start" -> start = instant(value, "start");
                    case "end" -> end = instant(value, "end");
                    case "after-id" -> afterId = value;
                    case "before-id" -> beforeId = value;
                    default -> throw new Invalid("unknown field '" + field.getKey() + "'");
                }
            }
            page = ResultSetRequest.from(query);
        } catch (Invalid e) {
            return Mono.error(e);
        } catch (ResultSetRequest.Malformed e) {
            return Mono.error(new Invalid(e.getMessage()));
        }
        String after = page.after() != null ? page.after() : afterId;
        String before = page.before() != null && !page.before().isEmpty() ? page.before() : beforeId;
        boolean backwards = page.backwards();
        int max = Math.min(page.max() == null ? DEFAULT_PAGE : page.max(), MAX_PAGE);
        String withNick = nick;
        Instant from = start;
        Instant to = end;
        return rowOf(room, after, 0L).zipWith(rowOf(room, before, Long.MAX_VALUE))
                .flatMap(rows -> store.page(room.id, rows.getT1(), rows.getT2(), from, to, withNick, backwards, max + 1).collectList())
                .zipWith(store.count(room.id))
                .map(found -> {
                    List<RoomStore.Archived> items = new ArrayList<>(found.getT1());
                    boolean complete = items.size() <= max;
                    if (!complete) {
                        items = new ArrayList<>(items.subList(0, max));
                    }
                    if (backwards) {
                        Collections.reverse(items);
                    }
                    List<Stanza> out = new ArrayList<>();
                    for (RoomStore.Archived item : items) {
                        out.add(result(room, iq, item));
                    }
                    ResultSetReply set = items.isEmpty() ? new ResultSetReply(null, null, null, found.getT2().intValue())
                            : new ResultSetReply(items.get(0).stanzaId(), null, items.get(items.size() - 1).stanzaId(), found.getT2().intValue());
                    ElementBuilder fin = Element.builder("fin", NAMESPACE);
                    if (complete) {
                        fin.attribute("complete", "true");
                    }
                    out.add(iq.iqResult(fin.child(set.toElement()).build()));
                    return out;
                });
    }

    private Mono<Long> rowOf(Room room, String stanzaId, long none) {
        if (stanzaId == null) {
            return Mono.just(none);
        }
        return store.row(room.id, stanzaId).switchIfEmpty(Mono.error(new Invalid("no archived message has id " + stanzaId)));
    }

    private static Stanza result(Room room, Stanza iq, RoomStore.Archived item) {
        Element forwarded = Element.builder("forwarded", FORWARD)
                .child(Element.builder("delay", Muc.DELAY).attribute("stamp", item.at().toString()).build())
                .child(StoredXml.read(item.stanza()))
                .build();
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", room.jid.toString())
                .attribute("to", iq.from().toString())
                .child(Element.builder("result", NAMESPACE).attribute("queryid", iq.iqChild().attribute("queryid"))
                        .attribute("id", item.stanzaId()).child(forwarded).build())
                .build());
    }

    private static Instant instant(String value, String field) throws Invalid {
        if (value == null) {
            throw new Invalid("'" + field + "' needs a value");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("'" + field + "' is not a XEP-0082 date and time");
        }
    }

    static StanzaError errorOf(Throwable e) {
        return e instanceof Invalid && e.getMessage().startsWith("no archived") ? StanzaError.ITEM_NOT_FOUND : StanzaError.BAD_REQUEST;
    }
}
