package org.switchboard.xmpp.im.message;

import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * What the message module asks of a message archive (XEP-0313) before it delivers a message to a local
 * account or stores it offline: archive it, and give back the message to hand on (with the archive's
 * stanza-id). The message counts as handled only once the returned Mono completes, so whatever it
 * archives must be committed by then.
 */
@FunctionalInterface
public interface MessageArchive {

    /** No archive: messages pass unchanged. */
    MessageArchive NONE = (message, context) -> Mono.just(message);

    Mono<Stanza> beforeDelivery(Stanza message, ModuleContext context);

    /**
     * A message about to be stored offline, made ready for the archive without writing anything: the offline
     * store writes it together with the stored copy, in one transaction ({@link OfflineWrites}).
     */
    default Prepared prepare(Stanza message, ModuleContext context) {
        return new Prepared(message, message, null, List.of());
    }

    /**
     * Writes prepared entries in the caller's transaction and answers the stanza-ids that went in (the
     * owners' preferences decide).
     */
    default Mono<Set<String>> write(List<Prepared> prepared, DatabaseClient db) {
        return Mono.just(Set.of());
    }

    /**
     * @param clean     the message to hand on if the recipient's archive does not take it
     * @param archived  the message with the recipient's stanza-id, to hand on if it does
     * @param stanzaId  that id (null: nothing to archive)
     * @param entries   what the archive will write, its own business
     */
    record Prepared(Stanza clean, Stanza archived, String stanzaId, List<?> entries) {

        /** The message to hand on, given the stanza-ids the archive took. */
        public Stanza outcome(Set<String> archivedIds) {
            return stanzaId != null && archivedIds.contains(stanzaId) ? archived : clean;
        }
    }
}
