package org.switchboard.sip.transport;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * How long a non-INVITE server transaction over UDP stays completed after its final answer, to answer
 * retransmissions of its request again: 5.12 s instead of RFC 3261's 64 × T1 = 32 s (Timer J), as Kamailio's
 * {@code wt_timer} (5 s) does (ADR 0058).
 *
 * <p>A completed transaction holds its request and answer. At a few thousand REGISTERs a second, 32 s of them
 * were the largest part of the live heap, and every young collection copied them again: a quarter of the stack's
 * CPU was the collector, with pauses of 100 ms and more that overflowed the socket's buffer. A phone retransmits a
 * request after 0.5, 1.5, 3.5 s and so on; only one whose every answer in the first 5 s was lost sends a
 * retransmission that arrives as a new request (a REGISTER then gets a fresh challenge).
 *
 * <p>JAIN-SIP counts Timer J as 64 ticks of the transaction's base interval, which for a non-INVITE server
 * transaction times nothing else; INVITE, CANCEL (which ticks on it) and the reliable transports (no Timer J)
 * keep the stack's values.
 */
public final class CompletedLinger {

    /** One tick of Timer J: 64 of them are the linger. */
    public static final int TICK_MS = 80;

    private CompletedLinger() {
    }

    static ServerTransaction shorten(ServerTransaction transaction, Request request) {
        String method = request.getMethod();
        if (transaction == null || Request.INVITE.equals(method) || Request.CANCEL.equals(method) || Request.ACK.equals(method)
                || !SipMessages.overUdp(request)) {
            return transaction;
        }
        try {
            transaction.setRetransmitTimer(TICK_MS);
        } catch (IllegalStateException alreadyTicking) {
            // its final answer has started Timer J already: it runs with the interval it had
        }
        return transaction;
    }
}
