package org.switchboard.xmpp.xep.sm;

import java.time.Instant;
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

    private final ModuleContext context;
    private final OfflineStore offline;

    public Redelivery(ModuleContext context, OfflineStore offline) {
        this.context = context;
        this.offline = offline;
    }

    /** Delivers {@code stanzas}, in order, elsewhere than {@code ended}; completes once stored ones are committed. */
    public Mono<Void> redeliver(ClientSession ended, List<Undelivered> stanzas) {
        if (stanzas.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(stanzas).concatMap(undelivered -> one(ended, undelivered)
                .onErrorResume(e -> {
                    log.error("Could not redeliver a stanza {} had not acknowledged", ended.jid(), e);
                    return Mono.empty();
                })).then();
    }

    private Mono<Void> one(ClientSession ended, Undelivered undelivered) {
        Stanza stanza = undelivered.stanza();
        if (stanza.isMessage()) {
            return message(ended, stanza, undelivered.queuedAt());
        }
        if (stanza.isIqRequest() && stanza.from() != null && !stanza.from().equals(context.serverJid())) {
            return context.router().route(stanza.errorReply(StanzaError.RECIPIENT_UNAVAILABLE)
                    .withFrom(ended.jid()));
        }
        return Mono.empty();
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

    private Mono<Void> message(ClientSession ended, Stanza message, long queuedAt) {
        Jid account = ended.jid().bare();
        List<ClientSession> others = context.sessions().sessions(account).stream()
                .filter(session -> session != ended)
                .toList();
        if (deliveredAlongside(message, ended, others, queuedAt)) {
            return Mono.empty();
        }
        Decision decision = MessageRouting.decide(message.type(), account, Optional.empty(), others);
        if (decision instanceof Decision.Deliver deliver) {
            deliver.sessions().forEach(session -> session.deliver(message));
            return Mono.empty();
        }
        if (decision instanceof Decision.StoreOffline && MessageModule.worthStoring(message)) {
            Stanza stamped = message.element().child("delay", DelayStamp.NAMESPACE).isPresent() ? message
                    : DelayStamp.stamp(message, context.serverJid(), Instant.now());
            return offline.store(account, stamped).flatMap(stored -> {
                if (stored) {
                    return Mono.<Void>empty();
                }
                // the sender had its acknowledgement long ago; an error is the only way left to tell it
                log.warn("A message {} had not acknowledged could not be stored: the account's offline storage is full", ended.jid());
                if (message.from() == null || message.isError()) {
                    return Mono.<Void>empty();
                }
                return context.router().route(message.errorReply(StanzaError.SERVICE_UNAVAILABLE,
                        "the recipient's offline storage is full"));
            });
        }
        return Mono.empty();
    }
}
