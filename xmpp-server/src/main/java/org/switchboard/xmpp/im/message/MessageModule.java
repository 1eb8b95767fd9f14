package org.switchboard.xmpp.im.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.account.RememberedAccounts;
import org.switchboard.xmpp.im.message.MessageRouting.Decision;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.carbons.CarbonRules;
import org.switchboard.xmpp.xep.offline.DelayStamp;
import org.switchboard.xmpp.xep.offline.OfflineModule;
import reactor.core.publisher.Mono;

/**
 * Delivers messages addressed to local accounts (RFC 6121 section 8.5) and stores them offline (XEP-0160)
 * when no resource can take them. A stored message is committed before this handler completes, so the
 * sender's stanza is not counted as handled until it is safe.
 */
public final class MessageModule implements XmppModule {

    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String HINTS = "urn:xmpp:hints";

    private final OfflineModule offline;
    private final MessageArchive archive;
    private final List<MessageListener> listeners;
    private volatile Storage storage;

    public MessageModule(OfflineModule offline) {
        this(offline, MessageArchive.NONE, List.of());
    }

    /**
     * @param archive   sees every message about to be delivered or stored offline (XEP-0313)
     * @param listeners told of each delivery and offline store, in this order (carbons, push)
     */
    public MessageModule(OfflineModule offline, MessageArchive archive, List<? extends MessageListener> listeners) {
        this.offline = offline;
        this.archive = archive;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
        Jid to = message.to();
        if (flow != Flow.INBOUND || to == null || to.localpart() == null) {
            return Mono.just(Result.pass());
        }
        List<ClientSession> sessions = context.sessions().sessions(to.bare());
        Optional<ClientSession> addressed = to.isBare() ? Optional.empty() : context.sessions().session(to);
        Decision decision = MessageRouting.decide(message.type(), to, addressed, sessions);
        if (sessions.isEmpty() && !message.isError()) {
            // no session says nothing about whether the account exists; unknown accounts refuse (section 8.5.2.2)
            String localpart = Localpart.normalizeOrNull(to.localpart());
            if (localpart == null) {
                return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE));
            }
            return storage(context).knownAccounts().exists(localpart)
                    .flatMap(exists -> exists ? apply(decision, message, context)
                            : Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE)));
        }
        return apply(decision, message, context);
    }

    private Mono<Result> apply(Decision decision, Stanza message, ModuleContext context) {
        if (decision instanceof Decision.StoreOffline) {
            MessageArchive.Prepared prepared = archive.prepare(message, context);
            if (worthStoring(CarbonRules.withoutPrivate(prepared.clean()))) {
                return storeOffline(prepared, context);
            }
            // not stored: archived below if the archive wants it, then only the listeners hear of it
        }
        if (decision instanceof Decision.Deliver || decision instanceof Decision.StoreOffline) {
            // archived (and given its stanza-id) first, so the delivered or stored copy carries the archive's id
            return archive.beforeDelivery(message, context).flatMap(archived -> applyArchived(decision, archived, context));
        }
        return applyArchived(decision, message, context);
    }

    private Mono<Result> applyArchived(Decision decision, Stanza original, ModuleContext context) {
        // listeners decide on the message as it came (carbons look for <private/>), the recipient gets it without
        Stanza message = CarbonRules.withoutPrivate(original);
        if (decision instanceof Decision.Deliver deliver) {
            deliver.sessions().forEach(session -> session.deliver(message));
            listeners.forEach(listener -> listener.delivered(original, deliver.sessions(), context));
            return Mono.just(Result.handled());
        }
        if (decision instanceof Decision.Refuse refuse) {
            return Mono.just(Result.error(refuse.error()));
        }
        if (decision instanceof Decision.StoreOffline) {
            // nothing worth keeping for later (a chat state alone, a no-store hint): told, not stored
            listeners.forEach(listener -> listener.delivered(original, List.of(), context));
        }
        return Mono.just(Result.handled());
    }

    /**
     * Archived and stored offline in one write, in order with the sender's earlier messages; the listeners
     * hear of it once it is committed, with the copy the archive's answer decided (its stanza-id or none).
     */
    private Mono<Result> storeOffline(MessageArchive.Prepared prepared, ModuleContext context) {
        Instant now = Instant.now();
        Stanza clean = CarbonRules.withoutPrivate(prepared.clean());
        Stanza archived = CarbonRules.withoutPrivate(prepared.archived());
        OfflineWrites.Item item = new OfflineWrites.Item(clean.to().bare(), prepared,
                DelayStamp.stamp(clean, context.serverJid(), now), DelayStamp.stamp(archived, context.serverJid(), now));
        return storage(context).offlineWrites().store(item).flatMap(outcome -> {
            Stanza original = outcome.message();
            listeners.forEach(listener -> listener.delivered(original, List.of(), context));
            if (!outcome.stored()) {
                return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE, "the recipient's offline storage is full"));
            }
            listeners.forEach(listener -> listener.storedOffline(original, context));
            return toSessionAvailableSince(clean.to(), context).thenReturn(Result.handled());
        });
    }

    /**
     * A session of the recipient that became available while the message was being committed may have read the
     * storage before the commit; it gets what is stored now (and nothing twice: deliveries of stored messages run one
     * at a time per account).
     */
    private Mono<Void> toSessionAvailableSince(Jid to, ModuleContext context) {
        Jid account = to.bare();
        Decision now = MessageRouting.decide("chat", account, Optional.empty(), context.sessions().sessions(account));
        return now instanceof Decision.Deliver deliver ? offline.deliverStored(account, deliver.sessions(), context) : Mono.empty();
    }

    /** The two are made with the first context: modules are built before the database is at hand. */
    private record Storage(RememberedAccounts knownAccounts, OfflineWrites offlineWrites) {
    }

    private Storage storage(ModuleContext context) {
        Storage current = storage;
        if (current == null) {
            synchronized (this) {
                if (storage == null) {
                    storage = new Storage(new RememberedAccounts(context.accounts()),
                            new OfflineWrites(archive, context.database(), offline.store(context)));
                }
                current = storage;
            }
        }
        return current;
    }

    /**
     * Chat-state notifications alone and messages marked no-store (XEP-0334) mean nothing later, so only
     * messages with other content are kept (XEP-0160 section 3 leaves the choice to the server).
     */
    public static boolean worthStoring(Stanza message) {
        boolean content = false;
        for (Element child : message.element().elements()) {
            if (child.is("no-store", HINTS) || child.is("no-permanent-store", HINTS)) {
                return false;
            }
            if (!CHAT_STATES.equals(child.namespace()) && !HINTS.equals(child.namespace())) {
                content = true;
            }
        }
        return content;
    }
}
