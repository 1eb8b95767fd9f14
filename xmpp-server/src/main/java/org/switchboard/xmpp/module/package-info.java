/**
 * The module API: how protocol extensions plug into the server (ADR 0004).
 *
 * <p>A module implements {@link org.switchboard.xmpp.module.XmppModule}: it declares its disco features
 * and identities and the IQ namespaces it answers, and handles stanzas by returning a
 * {@link org.switchboard.xmpp.module.Result} — {@code reply(stanzas...)}, {@code handled()},
 * {@code pass()} or {@code error(condition)}. The server routes replies and turns errors into the right
 * error stanza; a module never touches a connection, so it is unit-tested by calling its methods with a
 * stub {@link org.switchboard.xmpp.module.ModuleContext}.
 *
 * <p><b>Reactive work.</b> Handlers return {@code Mono<Result>}. Database work goes through
 * {@code context.database()} (Spring's R2DBC {@code DatabaseClient}) or {@code context.accounts()} and is
 * composed into that Mono; a handler must never block, because it runs on a Netty event loop. A handler
 * that has nothing asynchronous to do returns {@code Mono.just(...)}. An empty Mono or an error becomes
 * {@code internal-server-error} for the sender, and is logged.
 *
 * <p><b>Ordering.</b> Stanzas from one session are handled one at a time: the next is not dispatched
 * until the previous stanza's Mono has completed, so a module sees a client's stanzas in the order sent.
 *
 * <p><b>Sending other stanzas.</b> Replies belong in the Result. Anything else (a roster push, a presence
 * broadcast) goes through {@code context.router().route(stanza)}, which returns a Mono to compose into the
 * handler's result; only the IM layer's final delivery to chosen sessions, carbon copies included, writes
 * to sessions directly (ADR 0010). Stanzas built by a module must carry {@code from} and {@code to}.
 *
 * <p><b>Rewriting presence.</b> A module may change the presence a local session sends before anything else
 * sees it, by overriding {@code outgoingPresence}; every copy of that presence (broadcast, directed, to MUC
 * rooms) is then the rewritten one (ADR 0034; XEP-0398's avatar hash is the first user).
 *
 * <p><b>Registration.</b> Modules are listed in one place,
 * {@link org.switchboard.xmpp.module.StandardModules}; their order is the order in which messages and
 * presences are offered to them.
 */
package org.switchboard.xmpp.module;
