package org.switchboard.xmpp.routing;

import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Delivers a stanza to its {@code to} address: a local session or account, the server itself (its
 * modules), or an external component. The stanza's {@code from} must already be set and trusted.
 */
public interface StanzaRouter {

    /** Completes once the stanza is delivered, handled, or bounced to its sender with an error. */
    Mono<Void> route(Stanza stanza);
}
