package org.switchboard.xmpp.module;

import java.util.List;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * What a module decided about a stanza. The server does the sending: {@link Reply} stanzas are routed,
 * {@link Failed} becomes the error reply to the sender, {@link Pass} lets the next module (and then the
 * server's default handling) see the stanza.
 */
public sealed interface Result {

    /** The stanza is handled; these stanzas (possibly none) are routed to their {@code to} addresses. */
    record Reply(List<Stanza> stanzas) implements Result {
        private static final Reply HANDLED = new Reply(List.of());

        public Reply {
            stanzas = List.copyOf(stanzas);
        }
    }

    /**
     * Not this module's business to decide: the stanza goes on. {@code alongside} is a write the module has already
     * queued for it (the sender's archive copy of a message leaving the server), which commits while the stanza goes
     * on and is part of its handling: the stanza counts as handled once it has committed too.
     */
    record Pass(Mono<Void> alongside) implements Result {
        // one instance will do; every module answers pass on most stanzas
        private static final Pass INSTANCE = new Pass(Mono.empty());

        /** {@code onward}, what the server then does with the stanza, together with the write queued alongside. */
        public Mono<Void> goingOn(Mono<Void> onward) {
            return this == INSTANCE ? onward : Mono.when(onward, alongside);
        }
    }

    /** The stanza is refused; the sender gets {@code error} (unless the stanza was itself an error). */
    record Failed(StanzaError error, String text) implements Result {
    }

    static Result reply(Stanza... stanzas) {
        return new Reply(List.of(stanzas));
    }

    static Result reply(List<Stanza> stanzas) {
        return new Reply(stanzas);
    }

    /** Handled, nothing to send (e.g. a stanza the module stored or dropped on purpose). */
    static Result handled() {
        return Reply.HANDLED;
    }

    static Result pass() {
        return Pass.INSTANCE;
    }

    /** Pass, with a write already queued that the stanza's handling includes ({@link Pass#alongside}). */
    static Result passAlongside(Mono<Void> write) {
        return new Pass(write);
    }

    static Result error(StanzaError error) {
        return new Failed(error, null);
    }

    static Result error(StanzaError error, String text) {
        return new Failed(error, text);
    }

    default boolean isPass() {
        return this instanceof Pass;
    }
}
