package org.switchboard.xmpp.xep.mam;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.switchboard.xmpp.im.message.MessageArchive;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;
import reactor.core.publisher.Mono;

/**
 * XEP-0313 for accounts' own archives: queries, form discovery, metadata and preferences, answered for the
 * owner only (the IQ has no {@code to} or the owner's bare JID). Archiving itself happens in the message
 * module's delivery step through {@link #archive()}, and here for messages leaving for other domains.
 */
public final class MamModule implements XmppModule {

    public static final String NAMESPACE = "urn:xmpp:mam:2";
    public static final String EXTENDED = "urn:xmpp:mam:2#extended";

    private final MessageArchiver archiver;
    private final ArchiveRetention retention;

    /** @param retention how long entries are kept; null keeps them forever */
    public MamModule(Duration retention) {
        this(retention, Clock.systemUTC());
    }

    MamModule(Duration retention, Clock clock) {
        this.archiver = new MessageArchiver(clock);
        this.retention = retention == null ? null : new ArchiveRetention(retention, clock);
    }

    /** The hook the message module calls before delivering or storing a message for a local account. */
    public MessageArchive archive() {
        return archiver;
    }

    @Override
    public Set<String> accountFeatures() {
        return Set.of(NAMESPACE, EXTENDED, StanzaId.NAMESPACE, ArchiveQuery.FULLTEXT);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public void serverStarted(ModuleContext context) {
        if (retention != null) {
            retention.start(new ArchiveStore(context.database()));
        }
    }

    @Override
    public void serverStopping() {
        if (retention != null) {
            retention.stop();
        }
    }

    @Override
    public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
        Jid to = message.to();
        if (flow != Flow.OUTBOUND || to == null || to.domain().equals(context.serverJid().domain())) {
            return Mono.just(Result.pass());   // local recipients: archived for both sides on delivery
        }
        // the message goes on at once; it counts as handled once its archive copy has committed too
        return Mono.just(archiver.leaving(message, context));
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        if (iq.to() != null && iq.to().equals(context.serverJid())) {
            return Mono.just(Result.error(StanzaError.SERVICE_UNAVAILABLE, "archives belong to accounts: ask your bare JID"));
        }
        Jid session = context.ownAccountSession(iq).orElse(null);
        if (session == null) {
            return Mono.just(Result.error(StanzaError.FORBIDDEN));
        }
        Element payload = iq.iqChild();
        boolean get = "get".equals(iq.type());
        ArchiveQueries queries = new ArchiveQueries(new ArchiveStore(context.database()), NAMESPACE);
        return switch (payload.name()) {
            case "query" -> get ? Mono.just(Result.reply(iq.iqResult(queries.form()))) : queries.run(iq, session, context);
            case "metadata" -> get ? queries.metadata(iq, session.bare()) : Mono.just(Result.error(StanzaError.BAD_REQUEST));
            case "prefs" -> prefs(iq, session.bare(), get, new PrefsStore(context.database()));
            default -> Mono.just(Result.error(StanzaError.FEATURE_NOT_IMPLEMENTED));
        };
    }

    private static Mono<Result> prefs(Stanza iq, Jid owner, boolean get, PrefsStore store) {
        if (get) {
            return store.find(owner).map(prefs -> Result.reply(iq.iqResult(prefs.toElement(NAMESPACE))));
        }
        ArchivePrefs prefs = ArchivePrefs.from(iq.iqChild());
        if (prefs == null) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST, "prefs need default='always|never|roster' and valid JIDs"));
        }
        return store.save(owner, prefs).thenReturn(Result.reply(iq.iqResult(prefs.toElement(NAMESPACE))));
    }
}
