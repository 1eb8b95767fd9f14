package org.switchboard.xmpp.im.message;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * What the message module asks of a message archive (XEP-0313) before it delivers a message to a local
 * account or stores it offline: archive it, and give back the message to hand on (with the archive's
 * stanza-id). The message counts as handled only once the returned Mono completes, so whatever it
 * archives must be committed by then.
 */
@FunctionalInterface
public interface MessageArchive {

    /** No archive: messages pass unchanged. */
    MessageArchive NONE = (message, context) -> Mono.just(message);

    Mono<Stanza> beforeDelivery(Stanza message, ModuleContext context);
}
