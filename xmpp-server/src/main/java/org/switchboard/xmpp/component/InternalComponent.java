package org.switchboard.xmpp.component;

import java.util.List;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * A component that runs inside the server process and serves a whole subdomain (ADR 0020), such as the SMS
 * gateway {@code sms.<domain>}. Unlike an external XEP-0114 component, the router waits for
 * {@link #receive}: a stanza addressed to it counts as handled, and its sender's stream moves on, only when
 * the returned Mono completes (e.g. after a database commit).
 */
public interface InternalComponent {

    /** The subdomain served, e.g. {@code sms.example.com}. */
    String domain();

    /**
     * Handles a stanza addressed to {@link #domain()} or any JID in it. Its {@code from} is trusted (stamped by
     * the server). Errors the component raises are its own to answer; an exception becomes
     * {@code internal-server-error} to the sender.
     */
    Mono<Void> receive(Stanza stanza);

    /**
     * Modules the component adds to the server, to learn what only modules see (a client session ending).
     * Their disco features are the server's, so they should declare none.
     */
    default List<XmppModule> modules() {
        return List.of();
    }

    /** The server is up; {@code context} sends stanzas and reaches the database. Timers start here. */
    default void start(ModuleContext context) {
    }

    /** The server is stopping: end timers. */
    default void stop() {
    }
}
