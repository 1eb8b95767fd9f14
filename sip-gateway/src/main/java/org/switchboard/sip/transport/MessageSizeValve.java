package org.switchboard.sip.transport;

import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses messages larger than the configured limit before any transaction or listener sees them. The stack
 * enforces {@code MAX_MESSAGE_SIZE} on TCP and TLS streams only; a UDP datagram is bounded by nothing but its
 * 64 KiB, so the same limit is applied here to every transport: 513 Message Too Large (RFC 3261 section
 * 21.5.11) for a request, a response is dropped. The stack runs it before matching a response to its
 * transaction, so it also hands responses of no transaction to the listener ({@link StrayResponses}), and before
 * a request gets a transaction, so new work is refused there while the stack is behind ({@link LoadShedding}).
 */
public final class MessageSizeValve implements SIPMessageValve {

    private static final Logger log = LoggerFactory.getLogger(MessageSizeValve.class);

    private int maxBytes;
    private SIPTransactionStack stack;
    private String stackName;

    @Override
    public void init(SipStack stack) {
        this.stack = (SIPTransactionStack) stack;
        this.stackName = stack.getStackName();
        maxBytes = this.stack.getMaxMessageSize();
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (maxBytes > 0 && request.getSize() > maxBytes) {
            log.debug("{} request of {} bytes from {} refused (limit {})", request.getMethod(), request.getSize(), channel.getPeerAddress(), maxBytes);
            return refuse(request, channel, Response.MESSAGE_TOO_LARGE);
        }
        if (LoadShedding.refuses(stackName, request, channel)) {
            return refuse(request, channel, Response.SERVICE_UNAVAILABLE);
        }
        return true;
    }

    /**
     * Answered without a transaction: a retransmission is refused again the same way, and the ACK of the refusal
     * (with this To tag) is not forwarded by the proxy. A 503 says when to come back (RFC 3261 section 21.5.4).
     */
    private static boolean refuse(SIPRequest request, MessageChannel channel, int status) {
        if (!request.getMethod().equals(javax.sip.message.Request.ACK)) {
            try {
                SIPResponse refusal = request.createResponse(status);
                if (refusal.getTo().getTag() == null) {
                    refusal.getTo().setTag(UUID.randomUUID().toString().substring(0, 8));
                }
                if (status == Response.SERVICE_UNAVAILABLE) {
                    RetryAfter retryAfter = new RetryAfter();
                    retryAfter.setRetryAfter(1);
                    refusal.setHeader(retryAfter);
                }
                channel.sendMessage(refusal);
            } catch (IOException | java.text.ParseException | InvalidArgumentException | RuntimeException unanswerable) {
                log.debug("cannot answer a refused request: {}", unanswerable.toString());
            }
        }
        return false;
    }

    /** A response past the limit is dropped; one of no transaction goes to the listener at once ({@link StrayResponses}). */
    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        SIPResponse sipResponse = (SIPResponse) response;
        if (maxBytes > 0 && sipResponse.getSize() > maxBytes) {
            return false;
        }
        return !StrayResponses.handled(stack, stackName, sipResponse);
    }

    @Override
    public void destroy() {
    }
}
