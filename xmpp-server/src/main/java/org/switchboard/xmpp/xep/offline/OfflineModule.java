package org.switchboard.xmpp.xep.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.im.presence.InitialPresenceListener;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * Delivers stored messages (XEP-0160) when a session sends initial presence with a non-negative priority,
 * then deletes them. Storing is the message module's decision ({@link OfflineStore#store}).
 */
public final class OfflineModule implements XmppModule, InitialPresenceListener {

    public static final String FEATURE = "msgoffline";
    public static final int DEFAULT_MAX_PER_ACCOUNT = 1000;

    private final int maxPerAccount;
    private final OneAtATime deliveries = new OneAtATime();

    public OfflineModule(int maxPerAccount) {
        this.maxPerAccount = maxPerAccount;
    }

    public OfflineStore store(ModuleContext context) {
        return new OfflineStore(context.database(), maxPerAccount);
    }

    @Override
    public Set<String> features() {
        return Set.of(FEATURE);
    }

    @Override
    public Mono<Void> initialPresence(Jid sessionJid, int priority, ModuleContext context) {
        ClientSession session = context.sessions().session(sessionJid).orElse(null);
        if (session == null || priority < 0) {
            return Mono.empty();
        }
        return deliverStored(sessionJid.bare(), List.of(session), context);
    }

    /**
     * Hands the account's stored messages to {@code sessions} and deletes them. Besides the initial presence, the
     * message module calls this when a message it decided to store is committed after a session of its recipient
     * became available: that session's initial presence may have read the storage before the commit.
     */
    public Mono<Void> deliverStored(Jid account, List<ClientSession> sessions, ModuleContext context) {
        OfflineStore store = store(context);
        return deliveries.run(account, () -> {
            List<Long> delivered = new ArrayList<>();
            // deleted only after being handed over; a crash in between delivers twice rather than never
            return store.messages(account)
                    .doOnNext(stored -> {
                        sessions.forEach(session -> session.deliver(stored.message()));
                        delivered.add(stored.id());
                    })
                    .then(Mono.defer(() -> store.delete(delivered)));
        });
    }
}
