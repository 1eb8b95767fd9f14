package org.switchboard.xmpp.session;

import org.switchboard.xmpp.stanza.Stanza;

/**
 * A stanza an ending session had not got through to its client, and when it was handed to that session
 * ({@link System#nanoTime()}), which tells who else was online to receive it then.
 */
public record Undelivered(Stanza stanza, long queuedAt) {

    /** A stanza reaching the session after it ended. */
    public static Undelivered now(Stanza stanza) {
        return new Undelivered(stanza, System.nanoTime());
    }
}
