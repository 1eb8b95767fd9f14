package org.switchboard.xmpp.xep.sm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.im.message.MessageModule;
import org.switchboard.xmpp.im.message.MessageRouting;
import org.switchboard.xmpp.im.message.MessageRouting.Decision;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.offline.DelayStamp;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What happens to the stanzas a session had not got through to its client when it ends without being
 * resumed (XEP-0198 section 6: "treat them as undelivered"): a message goes to the account's other
 * available resources as RFC 6121 section 8.5 would choose them, or into offline storage with a delay
 * stamp (or, when that is full, bounced to its sender); a request is answered with an error so its sender does
 * not wait forever; the rest (presence,
 * results) means nothing later and is dropped. The session has ended, so none of it can reach it twice.
 */
public final class Redelivery {

    private static final Logger log = LoggerFactory.getLogger(Redelivery.class);
    /** Messages stored per statement; a statement's arrays stay well under the protocol's limits. */
    private static final int STORE_BATCH = 500;

    private final ModuleContext context;
    private final OfflineStore offline;

    public Redelivery(ModuleContext context, OfflineStore offline) {
        this.context = context;
        this.offline = offline;
    }

    /**
     * Delivers {@code stanzas}, in order, elsewhere than {@code ended}; completes once stored ones are committed.
     * The messages to store go in statements of up to {@value #STORE_BATCH} rather than one each: a server that
     * stops ends every session waiting for resumption at once, and a few thousand stanzas one statement at a
     * time outlasted the bound it has before its database closes (they were lost from offline storage then).
     */
    public Mono<Void> redeliver(ClientSession ended, List<Undelivered> stanzas) {
        if (stanzas.isEmpty()) {
            return Mono.empty();
        }
        List<Stanza> toStore = new ArrayList<>();
        List<Mono<Void>> replies = new ArrayList<>();
        for (Undelivered undelivered : stanzas) {
            try {
                sort(ended, undelivered, toStore, replies);
            } catch (RuntimeException e) {
                log.error("Could not redeliver a stanza {} had not acknowledged", ended.jid(), e);
            }
        }
        Flux<Void> answered = Flux.fromIterable(replies).concatMap(reply -> reply.onErrorResume(e -> {
            log.error("Could not answer a request {} had not acknowledged", ended.jid(), e);
            return Mono.empty();
        }));
        Flux<Void> stored = Flux.fromIterable(chunks(toStore)).concatMap(chunk -> store(ended.jid().bare(), chunk)
                .onErrorResume(e -> {
                    log.error("Could not store the {} messages {} had not acknowledged", chunk.size(), ended.jid(), e);
                    return Mono.empty();
                }));
        return answered.thenMany(stored).then();
    }

    private static List<List<Stanza>> chunks(List<Stanza> messages) {
        List<List<Stanza>> chunks = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += STORE_BATCH) {
            chunks.add(messages.subList(from, Math.min(messages.size(), from + STORE_BATCH)));
        }
        return chunks;
    }

    /** What becomes of one stanza: delivered now, added to those to store, answered, or dropped. */
    private void sort(ClientSession ended, Undelivered undelivered, List<Stanza> toStore, List<Mono<Void>> replies) {
        Stanza stanza = undelivered.stanza();
        if (stanza.isMessage()) {
            Stanza stored = message(ended, stanza, undelivered.queuedAt());
            if (stored != null) {
                toStore.add(stored);
            }
        } else if (stanza.isIqRequest() && stanza.from() != null && !stanza.from().equals(context.serverJid())) {
            replies.add(context.router().route(stanza.errorReply(StanzaError.RECIPIENT_UNAVAILABLE).withFrom(ended.jid())));
        }
    }

    /** Stores messages for the account in one statement; those its full offline storage refuses are bounced. */
    private Mono<Void> store(Jid account, List<Stanza> messages) {
        return offline.storeAll(Collections.nCopies(messages.size(), account), messages).flatMapMany(stored -> {
            List<Stanza> refused = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                if (!stored.get(i)) {
                    refused.add(messages.get(i));
                }
            }
            if (!refused.isEmpty()) {
                log.warn("{} messages {} had not acknowledged could not be stored: the account's offline storage is full",
                        refused.size(), account);
            }
            // the sender had its acknowledgement long ago; an error is the only way left to tell it
            return Flux.fromIterable(refused).filter(message -> message.from() != null && !message.isError())
                    .concatMap(message -> context.router().route(message.errorReply(StanzaError.SERVICE_UNAVAILABLE,
                            "the recipient's offline storage is full")));
        }).then();
    }

    /**
     * RFC 6121 section 8.5.2: a message to the bare JID went to every eligible resource at once. A resource
     * that was already available then, with a priority as high as the ended session's, has it: giving it
     * again would be a duplicate, and storing it offline would bring it back at that resource's next login.
     */
    static boolean deliveredAlongside(Stanza message, ClientSession ended, List<ClientSession> others, long queuedAt) {
        Jid to = message.to();
        if (to != null && !to.isBare()) {
            return false;
        }
        int priority = Math.max(0, ended.presence().priority());
        return others.stream().anyMatch(other -> other.presence().available() && other.presence().priority() >= priority
                && other.availableSince() <= queuedAt);
    }

    /** Delivers a message to the account's other sessions, or gives it back stamped for storage; null when neither. */
    private Stanza message(ClientSession ended, Stanza message, long queuedAt) {
        Jid account = ended.jid().bare();
        List<ClientSession> others = context.sessions().sessions(account).stream()
                .filter(session -> session != ended)
                .toList();
        if (deliveredAlongside(message, ended, others, queuedAt)) {
            return null;
        }
        Decision decision = MessageRouting.decide(message.type(), account, Optional.empty(), others);
        if (decision instanceof Decision.Deliver deliver) {
            deliver.sessions().forEach(session -> session.deliver(message));
            return null;
        }
        if (decision instanceof Decision.StoreOffline && MessageModule.worthStoring(message)) {
            return message.element().child("delay", DelayStamp.NAMESPACE).isPresent() ? message
                    : DelayStamp.stamp(message, context.serverJid(), Instant.now());
        }
        return null;
    }
}
