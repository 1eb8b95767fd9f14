package org.switchboard.xmpp.xep.mam;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.message.MessageArchive;
import org.switchboard.xmpp.im.message.MessageArchive.Prepared;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;
import reactor.core.publisher.Mono;

/**
 * Puts messages into the archives of the local accounts that send and receive them. A message between two
 * local accounts is archived for both in one write when it reaches its recipient, so a message the recipient
 * refuses (blocking, no such account) is in neither archive; a message leaving for another domain (a
 * component) is archived for its sender as it leaves.
 */
final class MessageArchiver implements MessageArchive {

    private static final Logger log = LoggerFactory.getLogger(MessageArchiver.class);
    /** Archive copies of messages leaving for other domains that were not written (Prometheus: {@code …_total}). */
    static final String LEAVING_UNWRITTEN = "switchboard.xmpp.archive.leaving.unwritten";

    private final Clock clock;
    private volatile Writers writers;

    MessageArchiver(Clock clock) {
        this.clock = clock;
    }

    /**
     * Before delivery to a local account: claimed stanza-ids removed, then archived for the recipient (and for
     * the sender when local). The message handed on carries the recipient's stanza-id when it was archived.
     */
    @Override
    public Mono<Stanza> beforeDelivery(Stanza message, ModuleContext context) {
        Prepared prepared = prepare(message, context);
        if (prepared.stanzaId() == null) {
            return Mono.just(prepared.clean());
        }
        return writers(context).delivered().write(entries(List.of(prepared))).map(prepared::outcome);
    }

    @Override
    public Prepared prepare(Stanza message, ModuleContext context) {
        String domain = context.serverJid().domain();
        Stanza clean = StanzaId.strip(message, by -> by.domain().equals(domain));
        if (!ArchivePolicy.worthArchiving(clean)) {
            return new Prepared(clean, clean, null, List.of());
        }
        Jid recipient = clean.to().bare();
        Jid from = clean.from() == null ? context.serverJid() : clean.from();
        Instant now = clock.instant();
        List<ArchiveEntry> entries = new ArrayList<>(2);
        ArchiveEntry incoming = entry(recipient, from, false, now, clean);
        entries.add(incoming);
        if (isAccount(from, domain) && !from.bare().equals(recipient)) {
            entries.add(entry(from.bare(), clean.to(), true, now, clean));
        }
        return new Prepared(clean, incoming.message(), incoming.stanzaId(), entries);
    }

    @Override
    public Mono<Set<String>> write(List<Prepared> prepared, DatabaseClient db) {
        List<ArchiveEntry> entries = entries(prepared);
        return entries.isEmpty() ? Mono.just(Set.of()) : ArchiveWriter.insert(db, entries);
    }

    private static List<ArchiveEntry> entries(List<Prepared> prepared) {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (Prepared one : prepared) {
            for (Object entry : one.entries()) {
                entries.add((ArchiveEntry) entry);
            }
        }
        return entries;
    }

    /**
     * A message a local session sends to another domain, archived for the sender while it is routed: the entry is
     * queued now, and the message passes on with its commit alongside ({@link Result#passAlongside}). The entries of
     * messages leaving commit one batch at a time, so a sender's messages keep their order in the archive although the
     * sender's stream may read its next message before this one's entry commits (ADR 0025).
     *
     * <p>A failed write is logged and counted ({@value #LEAVING_UNWRITTEN}), not reported: by then the message is on
     * its way, and an error would have the client send it again.
     */
    Result leaving(Stanza message, ModuleContext context) {
        if (!ArchivePolicy.worthArchiving(message) || message.from() == null) {
            return Result.pass();
        }
        ArchiveEntry outgoing = entry(message.from().bare(), message.to(), true, clock.instant(), message);
        CompletableFuture<Set<String>> committed = writers(context).leaving().write(List.of(outgoing)).toFuture();
        return Result.passAlongside(Mono.fromFuture(committed, true).then().onErrorResume(e -> {
            log.error("The archive copy of a message from {} to {} was not written", message.from(), message.to(), e);
            context.meters().counter(LEAVING_UNWRITTEN).increment();
            return Mono.empty();
        }));
    }

    private static ArchiveEntry entry(Jid owner, Jid with, boolean outgoing, Instant at, Stanza message) {
        StanzaId id = new StanzaId(StanzaId.newId(), owner);
        return new ArchiveEntry(owner, id.id(), with, outgoing, at, id.addTo(message));
    }

    static boolean isAccount(Jid jid, String domain) {
        return jid.localpart() != null && jid.domain().equals(domain);
    }

    /**
     * The writers, made with the first context (modules are built before the database is at hand): one for messages
     * reaching local accounts, two batches at a time, and one for messages leaving, one batch at a time.
     */
    private record Writers(ArchiveWriter delivered, ArchiveWriter leaving) {
    }

    private Writers writers(ModuleContext context) {
        Writers current = writers;
        if (current == null) {
            synchronized (this) {
                if (writers == null) {
                    writers = new Writers(new ArchiveWriter(context.database()),
                            new ArchiveWriter(context.database(), ArchiveWriter.DEFAULT_MAX_BATCH, 1));
                }
                current = writers;
            }
        }
        return current;
    }
}
