package org.switchboard.sip.location;

import java.time.Instant;

/**
 * One registered contact of an account.
 *
 * @param contactUri    the Contact URI as the phone gave it, the target of forked requests
 * @param sourceAddress where the REGISTER came from (RFC 3581), kept for phones behind NAT
 */
public record Binding(String contactUri, String callId, long cseq, String sourceAddress, int sourcePort, String transport,
                      String userAgent, Instant expiresAt) {

    /** Whole seconds left, at least 0: the {@code expires} parameter of a 200 to REGISTER. */
    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
