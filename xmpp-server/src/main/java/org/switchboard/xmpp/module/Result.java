package org.switchboard.xmpp.module;

import java.util.List;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

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

    /** Not this module's business. */
    record Pass() implements Result {
        // one instance will do (records compare by value anyway); every module answers pass on most stanzas
        private static final Pass INSTANCE = new Pass();
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
