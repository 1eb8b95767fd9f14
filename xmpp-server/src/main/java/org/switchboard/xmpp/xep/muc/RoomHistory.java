package org.switchboard.xmpp.xep.muc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * History on entering a room (XEP-0045 section 7.2.14), read from the room's archive: at most the service's
 * history length, narrowed by the client's {@code maxstanzas}, {@code seconds}, {@code since} and
 * {@code maxchars}, oldest first, each message with a delay stamp (XEP-0203) from the room.
 */
final class RoomHistory {

    private final RoomStore store;
    private final MucSettings settings;
    private final Clock clock;

    RoomHistory(RoomStore store, MucSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** The history limits a join asked for; malformed values are ignored (a join is not refused for them). */
    record Request(int maxStanzas, Integer maxChars, Instant since) {
    }

    Request request(Element join) {
        Element history = join == null ? null : join.child("history", Muc.NAMESPACE).orElse(null);
        int max = settings.historyMessages();
        if (history == null) {
            return new Request(max, null, null);
        }
        Integer stanzas = number(history.attribute("maxstanzas"));
        Integer chars = number(history.attribute("maxchars"));
        Integer seconds = number(history.attribute("seconds"));
        Instant since = null;
        if (history.attribute("since") != null) {
            try {
                since = OffsetDateTime.parse(history.attribute("since").trim()).toInstant();
            } catch (DateTimeParseException e) {
                since = null;
            }
        }
        if (seconds != null) {
            Instant bySeconds = clock.instant().minusSeconds(seconds);
            since = since == null || bySeconds.isAfter(since) ? bySeconds : since;
        }
        return new Request(stanzas == null ? max : Math.min(stanzas, max), chars, since);
    }

    private static Integer number(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The history messages for an occupant who just entered. */
    Mono<List<Stanza>> messages(Room room, Jid to, Request request) {
        if (request.maxStanzas() == 0 || (request.maxChars() != null && request.maxChars() == 0) || !room.config.logging()) {
            return Mono.just(List.of());
        }
        return store.newest(room.id, request.since(), request.maxStanzas()).collectList().map(newestFirst -> {
            List<Stanza> picked = new ArrayList<>();
            int chars = 0;
            for (RoomStore.Archived archived : newestFirst) {
                Element message = StoredXml.read(archived.stanza());
                Element delayed = message.toBuilder()
                        .child(Element.builder("delay", Muc.DELAY).attribute("from", room.jid.toString())
                                .attribute("stamp", archived.at().toString()).build())
                        .build()
                        .withAttribute("to", to.toString());
                chars += delayed.toXml().length();
                if (request.maxChars() != null && chars > request.maxChars()) {
                    break;
                }
                picked.add(new Stanza(delayed));
            }
            Collections.reverse(picked);
            return picked;
        });
    }
}
