package org.switchboard.xmpp.module;

import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * One protocol extension (usually one XEP) of the server. A module declares what it advertises and
 * answers stanzas with a {@link Result}; it never writes to a connection, so it is tested by calling
 * these methods. Every method has a default that does nothing, so a module implements only what it
 * handles. See {@code package-info.java} for threading and ordering.
 */
public interface XmppModule {

    /** The disco#info features this module adds to the server (XEP-0030). */
    default Set<String> features() {
        return Set.of();
    }

    /** The disco#info identities this module adds to the server. */
    default Set<Identity> identities() {
        return Set.of();
    }

    /**
     * Extended information (XEP-0128) this module adds to the server's disco#info: complete
     * {@code <x xmlns='jabber:x:data' type='result'/>} forms, each with a hidden FORM_TYPE field. They are part
     * of the server's entity capabilities hash (XEP-0115), so they must not change while the server runs.
     */
    default List<Element> discoForms() {
        return List.of();
    }

    /**
     * Services listed in the server's disco#items (XEP-0030 section 4), such as an in-process component's
     * subdomain, so clients find them the way XEP-0363 and others say to look.
     */
    default Set<String> discoItems() {
        return Set.of();
    }

    /**
     * A module that only lists {@code jid} in the server's disco#items: how an in-process component (upload,
     * pubsub, MUC, SOCKS5 proxy) is found by clients that look there first.
     */
    static XmppModule listedInDiscoItems(String jid) {
        Set<String> item = Set.of(jid);
        return new XmppModule() {
            @Override
            public Set<String> discoItems() {
                return item;
            }
        };
    }

    /**
     * The disco#info features this module adds to every account's bare JID, which the server answers on the
     * account's behalf (XEP-0030 section 3.1; e.g. XEP-0357 push is discovered there, not on the server).
     */
    default Set<String> accountFeatures() {
        return Set.of();
    }

    /**
     * Namespaces of IQ payloads this module answers. An IQ get/set addressed to the server, or to a local
     * account's bare JID (or with no {@code to}, meaning the sender's own account), is passed to the one
     * module declaring its payload's namespace; no module means {@code service-unavailable}.
     */
    default Set<String> iqNamespaces() {
        return Set.of();
    }

    /** Handles an IQ get/set whose payload namespace is in {@link #iqNamespaces()}. */
    default Mono<Result> handleIq(Stanza iq, ModuleContext context) {
        return Mono.just(Result.pass());
    }

    /** Sees every message at each {@link Flow} point, in registration order, until a module does not pass. */
    default Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
        return Mono.just(Result.pass());
    }

    /** Sees every presence at each {@link Flow} point, in registration order, until a module does not pass. */
    default Mono<Result> handlePresence(Stanza presence, Flow flow, ModuleContext context) {
        return Mono.just(Result.pass());
    }

    /**
     * Rewrites a presence a local client session sends, before anything else happens to it, so that what the
     * server broadcasts to contacts and the account's other resources, answers to probes, and routes as directed
     * presence (a MUC join included) all carry the change (e.g. XEP-0398 section 4 adds the avatar's hash).
     * Offered every presence the session sends, in registration order, each module seeing the previous one's
     * result; a module returns it unchanged when it has nothing to add. A module that fails or answers empty
     * leaves the presence as it was: the user's presence is never lost for a decoration.
     */
    default Mono<Stanza> outgoingPresence(Stanza presence, ModuleContext context) {
        return Mono.just(presence);
    }

    /**
     * Sees every IQ that travels between two addresses rather than being answered by the server: at
     * {@link Flow#OUTBOUND} when a local session sends it to someone else, at {@link Flow#INBOUND} when it
     * is addressed to a local account by someone else. In registration order, until a module does not pass.
     */
    default Mono<Result> handleRoutedIq(Stanza iq, Flow flow, ModuleContext context) {
        return Mono.just(Result.pass());
    }

    /**
     * An IQ result or error for a request the module itself sent from the server's address (e.g. a push
     * publish, XEP-0357), offered to each module in registration order until one does not pass. A module
     * recognises its own answers by the id it chose and the address it asked; answers nobody claims are dropped.
     */
    default Mono<Result> handleIqResponse(Stanza response, ModuleContext context) {
        return Mono.just(Result.pass());
    }

    /** The server is listening; a module with work of its own (a periodic purge) starts it here. */
    default void serverStarted(ModuleContext context) {
    }

    /** The server is stopping; stop what {@link #serverStarted} started. */
    default void serverStopping() {
    }

    /** A client session has bound its resource ({@link ModuleContext#sessionJid()}). */
    default Mono<Void> sessionStarted(ModuleContext context) {
        return Mono.empty();
    }

    /** A bound client session has ended, for whatever reason. */
    default Mono<Void> sessionEnded(ModuleContext context) {
        return Mono.empty();
    }
}
