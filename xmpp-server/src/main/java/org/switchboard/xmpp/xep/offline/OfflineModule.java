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
        OfflineStore store = store(context);
        List<Long> delivered = new ArrayList<>();
        // deleted only after being handed to the session; a crash in between delivers twice rather than never
        return store.messages(sessionJid.bare())
                .doOnNext(stored -> {
                    session.deliver(stored.message());
                    delivered.add(stored.id());
                })
                .then(Mono.defer(() -> store.delete(delivered)));
    }
}
