package org.switchboard.xmpp.module;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/** A context for module unit tests: no database, a router that records what it was given. */
public final class StubContext {

    public final List<Stanza> routed = new ArrayList<>();
    private final StanzaRouter router = stanza -> Mono.fromRunnable(() -> routed.add(stanza));

    public ServerContext context(Jid session, List<XmppModule> modules) {
        ModuleRegistry registry = new ModuleRegistry(modules);
        return new ServerContext(Jid.domainJid("example.com"), Optional.ofNullable(session), router,
                new EmptyDirectory(), null, null, new SimpleMeterRegistry(), () -> registry);
    }

    private static final class EmptyDirectory implements SessionDirectory {
        @Override
        public Optional<ClientSession> session(Jid fullJid) {
            return Optional.empty();
        }

        @Override
        public List<ClientSession> sessions(Jid bareJid) {
            return List.of();
        }

        @Override
        public int count() {
            return 0;
        }
    }
}
