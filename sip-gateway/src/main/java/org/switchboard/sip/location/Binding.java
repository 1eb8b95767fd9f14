package org.switchboard.sip.location;

import java.time.Instant;
import org.switchboard.sip.push.PushBinding;

/**
 * One registered contact of an account.
 *
 * @param contactUri    the Contact URI as the phone gave it, the target of forked requests
 * @param sourceAddress where the REGISTER came from (RFC 3581), kept for phones behind NAT
 * @param push          the RFC 8599 push parameters of the contact, or null
 * @param rememberUntil a push binding that lapsed is still woken by calls until then (ADR 0041); null: not remembered
 */
public record Binding(String contactUri, String callId, long cseq, String sourceAddress, int sourcePort, String transport,
                      String userAgent, Instant expiresAt, PushBinding push, Instant rememberUntil) {

    public Binding(String contactUri, String callId, long cseq, String sourceAddress, int sourcePort, String transport,
                   String userAgent, Instant expiresAt) {
        this(contactUri, callId, cseq, sourceAddress, sourcePort, transport, userAgent, expiresAt, null, null);
    }

    /** Whole seconds left, at least 0: the {@code expires} parameter of a 200 to REGISTER. */
    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }

    /** Registered and not expired: a target to fork to (a push binding is pushed first all the same). */
    public boolean live(Instant now) {
        return expiresAt.isAfter(now);
    }
}
