package org.switchboard.xmpp.xep.ping;

import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Answers {@code <iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>} with an empty result (XEP-0199
 * section 4.2 for client-to-server pings). Pings to a full JID are routed to that client, not here.
 */
public final class PingModule implements XmppModule {

    public static final String NAMESPACE = "urn:xmpp:ping";

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Set<String> iqNamespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        if (!"get".equals(iq.type()) || !iq.iqChild().is("ping", NAMESPACE)) {
            return Mono.just(Result.error(StanzaError.BAD_REQUEST));
        }
        return Mono.just(Result.reply(iq.iqResult()));
    }
}
