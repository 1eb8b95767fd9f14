package org.switchboard.xmpp.im;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.module.Flow;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Module tests without sockets: the real embedded PostgreSQL, fake sessions, and a router that queues
 * what modules route so {@link #pump()} can play the server's part (INBOUND dispatch for local accounts,
 * IQs straight to sessions, error replies for failed results) one stanza at a time, deterministically.
 */
public final class ImHarness {

    public static final String DOMAIN = "example.com";

    private final Map<Jid, FakeSession> sessions = new ConcurrentHashMap<>();
    private final Deque<Stanza> queue = new ArrayDeque<>();
    /** Every stanza a module routed, in order, including those pumped since. */
    public final List<Stanza> routed = new ArrayList<>();
    public final ModuleRegistry registry;
    public final DatabaseClient db = TestDatabase.client();
    public final AccountStore accounts = new PostgresAccountStore(db, DOMAIN, 4096);
    private final ServerContext context;

    public ImHarness(List<XmppModule> modules) {
        registry = new ModuleRegistry(modules);
        StanzaRouter router = stanza -> Mono.fromRunnable(() -> {
            routed.add(stanza);
            queue.add(stanza);
        });
        context = new ServerContext(Jid.domainJid(DOMAIN), Optional.empty(), router, new Directory(), accounts, db,
                new SimpleMeterRegistry(), () -> registry);
    }

    public static ImHarness standard() {
        return new ImHarness(ImModules.create());
    }

    /** Creates an account with a unique name (the database is shared by every test in the JVM). */
    public Jid account(String prefix) {
        String localpart = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(localpart, "correct horse battery", AccountKind.PERSON, Set.of()).block();
        return Jid.of(localpart, DOMAIN, null);
    }

    public FakeSession connect(Jid bare, String resource) {
        FakeSession session = new FakeSession(bare.withResource(resource));
        sessions.put(session.jid(), session);
        registry.sessionStarted(context.forSession(session.jid())).block();
        return session;
    }

    public void disconnect(FakeSession session) {
        sessions.remove(session.jid());
        registry.sessionEnded(context.forSession(session.jid())).block();
        pump();
    }

    public ServerContext context(Jid session) {
        return context.forSession(session);
    }

    /** A client sends a message, presence or IQ to another party: stamped like the core does, offered OUTBOUND, then routed. */
    public Result send(FakeSession from, Stanza stanza) {
        Stanza stamped = stanza.withFrom(from.jid());
        Result result = registry.dispatch(stamped, Flow.OUTBOUND, context(from.jid())).block();
        if (result.isPass()) {
            queue.add(stamped);
        }
        pump();
        return result;
    }

    /** A client sends an IQ to the server or its account. */
    public Result iq(FakeSession from, Stanza iq) {
        Result result = registry.dispatchIq(iq.withFrom(from.jid()), context(from.jid())).block();
        pump();
        return result;
    }

    /** Delivers what modules routed until nothing is left, as the server's router would. */
    public void pump() {
        while (!queue.isEmpty()) {
            Stanza stanza = queue.poll();
            Jid to = stanza.to();
            Jid from = stanza.from();
            if (stanza.isIq() && (from == null || from.bare().equals(to.bare()))) {
                Optional.ofNullable(sessions.get(to)).ifPresent(s -> s.deliver(stanza));
                continue;
            }
            Jid session = from != null && sessions.containsKey(from) ? from : null;
            Result result = registry.dispatch(stanza, Flow.INBOUND, context(session)).block();
            if (stanza.isIq() && result.isPass()) {
                Optional.ofNullable(sessions.get(to)).ifPresent(s -> s.deliver(stanza));
                continue;
            }
            if (result instanceof Result.Failed failed && !stanza.isError()) {
                queue.add(stanza.errorReply(failed.error(), failed.text()));
            } else if (result instanceof Result.Reply reply) {
                queue.addAll(reply.stanzas());
            }
        }
    }

    private final class Directory implements SessionDirectory {
        @Override
        public Optional<ClientSession> session(Jid fullJid) {
            return Optional.ofNullable(sessions.get(fullJid));
        }

        @Override
        public List<ClientSession> sessions(Jid bareJid) {
            return sessions.values().stream().filter(s -> s.jid().bare().equals(bareJid)).map(ClientSession.class::cast).toList();
        }

        @Override
        public int count() {
            return sessions.size();
        }
    }
}
