package org.switchboard.turn.auth;

import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;

/** What the long-term credential check decided about one request. */
public sealed interface AuthOutcome {

    /**
     * The request is authentic. {@code username} is the full REST username, {@code user} the part that quotas
     * count, {@code integrity} the key and algorithm to sign the response with.
     */
    record Accepted(String username, String user, Integrity integrity) implements AuthOutcome {
    }

    /** Refused with {@code error}; {@code challenge} says whether REALM and a fresh NONCE go with it. */
    record Refused(StunError error, boolean challenge) implements AuthOutcome {
    }
}
