package org.switchboard.xmpp.sms;

import java.util.function.Function;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * The module the gateway adds to the server to hear that a client session ended ("the server tells the
 * gateway", host-protocol.md section 3): a host whose session ends is unreachable from then on.
 */
final class HostSessionWatch implements XmppModule {

    private final Function<Jid, Mono<Void>> sessionEnded;

    HostSessionWatch(Function<Jid, Mono<Void>> sessionEnded) {
        this.sessionEnded = sessionEnded;
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        return context.sessionJid().map(sessionEnded).orElse(Mono.empty());
    }
}
