package org.switchboard.sip.transport;

import gov.nist.javax.sip.ResponseEventExt;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipListener;
import javax.sip.SipProvider;

/**
 * Responses that belong to no client transaction go straight to the listener, which forwards them statelessly
 * (RFC 3261 section 16.7: a 2xx to an INVITE retransmitted after its transaction ended). The stack would find
 * that out only after asking every client transaction in turn whether the response is theirs, to match RFC 2543
 * peers; with thousands of transactions lingering under load that walk took more CPU than the rest of the
 * response's handling, and more the more calls were in progress (ADR 0047). A response whose branch carries the
 * RFC 3261 magic cookie is matched by its branch alone (section 17.1.3), which is the stack's own key, so one
 * lookup says it is stray. Called by {@link MessageSizeValve}, which the stack runs before that walk.
 *
 * <p>The stack creates its valve by class name, so each stack's listener is found by the stack's name.
 */
final class StrayResponses {

    private static final String MAGIC_COOKIE = "z9hg4bk";
    private static final Map<String, StrayResponses> BY_STACK = new ConcurrentHashMap<>();

    private final SipProvider provider;
    private final SipListener listener;

    private StrayResponses(SipProvider provider, SipListener listener) {
        this.provider = provider;
        this.listener = listener;
    }

    static void open(String stackName, SipProvider provider, SipListener listener) {
        BY_STACK.put(stackName, new StrayResponses(provider, listener));
    }

    static void close(String stackName) {
        BY_STACK.remove(stackName);
    }

    /**
     * Whether {@code response} was stray and has been given to the listener here; false leaves it to the stack
     * (it has a transaction, an RFC 2543 branch, or the stack is not wired yet).
     */
    static boolean handled(SIPTransactionStack stack, String stackName, SIPResponse response) {
        StrayResponses stray = BY_STACK.get(stackName);
        if (stray == null || response.getTopmostVia() == null || response.getCSeq() == null) {
            return false;
        }
        String key = response.getTransactionId();
        if (!key.startsWith(MAGIC_COOKIE) || stack.findTransaction(key, false) != null) {
            return false;
        }
        ResponseEventExt event = new ResponseEventExt(stray.provider, null, null, response);
        if (response.getRemoteAddress() != null) {
            event.setRemoteIpAddress(response.getRemoteAddress().getHostAddress());
            event.setRemotePort(response.getRemotePort());
        }
        stray.listener.processResponse(event);
        return true;
    }
}
