package org.switchboard.xmpp.module;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * Tells a database that is gone (refused or closed connections, as while the server shuts down) from a
 * failure worth a stack trace: the first is expected and the same for every session, the second is a bug.
 */
final class Unavailability {

    /** Deep enough for the wrappers seen in practice (Spring around the pool around the driver). */
    private static final int MAX_DEPTH = 16;

    private Unavailability() {
    }

    /** The cause in {@code error}'s chain that says the database cannot be reached, or null. */
    static Throwable cause(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof R2dbcNonTransientResourceException || current instanceof R2dbcTransientResourceException
                    || current instanceof ConnectException || current instanceof ClosedChannelException) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }
}
