package org.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.message.Request;

/**
 * Refuses new work with 503 and Retry-After while the stack's UDP threads are behind (RFC 3261 section 21.5.4),
 * instead of queueing it without bound. Behind means the oldest datagram waiting for a thread has waited longer
 * than {@code SWITCHBOARD_SIP_MAX_QUEUE_MS}: then every message already takes that long to be handled, phones
 * retransmit into the same queue, and a call set up now would time out half-way (bench/sip above its knee: INVITEs
 * without an answer in 10 s, BYEs of calls the callee had given up on). Only requests that start something are
 * refused — no To tag, not ACK or CANCEL; requests inside a dialog and every response still pass, so the calls
 * already up end cleanly and the load falls.
 *
 * <p>The stack creates its valve by class name, so each stack's bound is found by the stack's name.
 */
final class LoadShedding {

    private static final Map<String, LoadShedding> BY_STACK = new ConcurrentHashMap<>();

    private final long maxWaitMillis;
    private final AtomicLong refused = new AtomicLong();

    private LoadShedding(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
    }

    /** {@code maxWaitMillis} 0 turns shedding off. */
    static LoadShedding open(String stackName, long maxWaitMillis) {
        LoadShedding shedding = new LoadShedding(maxWaitMillis);
        BY_STACK.put(stackName, shedding);
        return shedding;
    }

    static void close(String stackName) {
        BY_STACK.remove(stackName);
    }

    /** Whether {@code request} is to be refused now; counted when it is. */
    static boolean refuses(String stackName, SIPRequest request, MessageChannel channel) {
        LoadShedding shedding = BY_STACK.get(stackName);
        if (shedding == null || shedding.maxWaitMillis <= 0 || !startsSomething(request)) {
            return false;
        }
        if (DatagramQueue.oldestWaitMillis(channel, System.currentTimeMillis()) <= shedding.maxWaitMillis) {
            return false;
        }
        shedding.refused.incrementAndGet();
        return true;
    }

    private static boolean startsSomething(SIPRequest request) {
        String method = request.getMethod();
        return !Request.ACK.equals(method) && !Request.CANCEL.equals(method) && request.getToTag() == null;
    }

    /** Requests refused so far because the queue was behind. */
    long refused() {
        return refused.get();
    }
}
