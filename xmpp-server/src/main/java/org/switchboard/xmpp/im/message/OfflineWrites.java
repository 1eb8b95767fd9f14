package org.switchboard.xmpp.im.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import reactor.core.publisher.Mono;

/**
 * Messages for accounts that have no session to take them: archived (XEP-0313) and stored offline
 * (XEP-0160) together, in one transaction shared by every such message that arrives while the previous
 * one commits. Batches go one at a time, so they commit in the order the messages came — a sender's burst
 * keeps its order in the archive and in offline storage — and the sender's stream may read its next message
 * as soon as one is queued here ({@link GroupCommit#submitAsTail}, ADR 0025).
 */
final class OfflineWrites {

    /** Messages in one transaction: a burst of a thousand goes in a handful. */
    private static final int MAX_BATCH = 256;

    /**
     * One message to store.
     *
     * @param owner    the recipient's bare JID
     * @param prepared the archive's part
     * @param clean    the copy to store if the archive does not take the message (delay-stamped)
     * @param archived the copy to store if it does (delay-stamped, with the recipient's stanza-id)
     */
    record Item(Jid owner, MessageArchive.Prepared prepared, Stanza clean, Stanza archived) {

        Stanza storedCopy(Set<String> archivedIds) {
            return prepared.stanzaId() != null && archivedIds.contains(prepared.stanzaId()) ? archived : clean;
        }
    }

    private final MessageArchive archive;
    private final DatabaseClient db;
    private final OfflineStore store;
    private final TransactionalOperator transaction;
    private final GroupCommit<Item, Outcome> writes;

    OfflineWrites(MessageArchive archive, DatabaseClient db, OfflineStore store) {
        this.archive = archive;
        this.db = db;
        this.store = store;
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
        this.writes = new GroupCommit<>("offline messages", this::write, MAX_BATCH, 1);
    }

    /**
     * What became of one message.
     *
     * @param stored  false if the recipient's storage is full (or the account is gone)
     * @param message the message as the archive's answer left it (with the recipient's stanza-id if archived)
     */
    record Outcome(boolean stored, Stanza message) {
    }

    /** Completes once the message is committed. The waiting stream may go on once the message is queued. */
    Mono<Outcome> store(Item item) {
        return writes.submitAsTail(item);
    }

    private Mono<List<Optional<Outcome>>> write(List<Item> items) {
        List<MessageArchive.Prepared> prepared = items.stream().map(Item::prepared).toList();
        Mono<List<Optional<Outcome>>> both = archive.write(prepared, db).flatMap(archivedIds -> store.storeAll(
                        items.stream().map(Item::owner).toList(),
                        items.stream().map(item -> item.storedCopy(archivedIds)).toList())
                .map(stored -> {
                    List<Optional<Outcome>> outcomes = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        outcomes.add(Optional.of(new Outcome(stored.get(i), prepared.get(i).outcome(archivedIds))));
                    }
                    return outcomes;
                }));
        return both.as(transaction::transactional);
    }
}
