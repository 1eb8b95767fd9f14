package org.switchboard.xmpp.im.presence;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/** Told when a session sends its initial available presence, after it has been broadcast (e.g. offline delivery). */
@FunctionalInterface
public interface InitialPresenceListener {

    Mono<Void> initialPresence(Jid session, int priority, ModuleContext context);
}
