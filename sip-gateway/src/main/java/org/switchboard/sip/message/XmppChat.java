package org.switchboard.sip.message;

import reactor.core.publisher.Mono;

/**
 * The XMPP side of a MESSAGE to an account that has no registered phone, wired by whoever runs the XMPP
 * server in this process (the all-in-one app): a chat message from {@code from@<domain>} to
 * {@code to@<domain>}, routed like any other so carbons, the archive and offline storage apply. The Mono
 * completes once the router has taken it (stored when nobody is online); only then is the MESSAGE answered 202.
 */
@FunctionalInterface
public interface XmppChat {

    /** No XMPP server in this process: such a MESSAGE is answered 480 as before. */
    XmppChat NONE = (from, to, id, text) -> Mono.error(new IllegalStateException("no XMPP server in this process"));

    Mono<Void> chat(String fromLocalpart, String toLocalpart, String id, String text);
}
