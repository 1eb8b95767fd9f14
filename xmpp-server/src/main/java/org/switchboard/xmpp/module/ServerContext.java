package org.switchboard.xmpp.module;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountStore;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;

/** The server's {@link ModuleContext}; {@link #forSession} gives the view of one client session. */
public record ServerContext(Jid serverJid, Optional<Jid> sessionJid, StanzaRouter router, SessionDirectory sessions,
                            AccountStore accounts, DatabaseClient database, MeterRegistry meters,
                            Supplier<ModuleRegistry> registry)
        implements ModuleContext {

    public ServerContext forSession(Jid sessionJid) {
        return new ServerContext(serverJid, Optional.ofNullable(sessionJid), router, sessions, accounts, database, meters, registry);
    }

    @Override
    public Set<String> serverFeatures() {
        return registry.get().features();
    }

    @Override
    public Set<String> accountFeatures() {
        return registry.get().accountFeatures();
    }

    @Override
    public Set<Identity> serverIdentities() {
        return registry.get().identities();
    }

    @Override
    public Set<String> serverItems() {
        return registry.get().items();
    }

    @Override
    public List<Element> serverForms() {
        return registry.get().forms();
    }
}
