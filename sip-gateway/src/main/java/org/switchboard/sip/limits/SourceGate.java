package org.switchboard.sip.limits;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetAddress;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.metrics.SipMetrics;
import org.switchboard.sip.transport.SipMessages;

/**
 * The first thing every request meets: its source address is counted ({@link SourceLimiter}). The request that
 * crosses the limit is answered {@code 503 Service Unavailable} with {@code Retry-After} the ban's length (RFC 3261
 * section 21.5.4), statelessly so that no transaction is kept for it; the requests after it, until the ban ends,
 * are dropped without a word.
 */
public final class SourceGate {

    private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

    private final SourceLimiter limiter;
    private final SipLimits limits;
    private final SipMessages sip;
    private final SipMetrics metrics;

    public SourceGate(SourceLimiter limiter, SipLimits limits, SipMessages sip, SipMetrics metrics) {
        this.limiter = limiter;
        this.limits = limits;
        this.sip = sip;
        this.metrics = metrics;
        metrics.bannedNow(limiter::bannedCount);
    }

    /** Whether the request may be handled; false when it was answered 503 or dropped here. */
    public boolean admit(RequestEvent event) {
        if (!limiter.enabled()) {
            return true;
        }
        Request request = event.getRequest();
        InetAddress source = ((SIPRequest) request).getPeerPacketSourceAddress();
        SourceLimiter.Verdict verdict = limiter.request(source == null ? null : source.getHostAddress());
        if (verdict == SourceLimiter.Verdict.PASS) {
            return true;
        }
        if (verdict == SourceLimiter.Verdict.BAN_NOW) {
            metrics.banned();
            log.info("SIP source {} sent more than {} requests in {} s: ignored for {} s", source.getHostAddress(),
                    limits.sourceRequests(), limits.sourceWindow().toSeconds(), limits.sourceBan().toSeconds());
            if (!Request.ACK.equals(request.getMethod())) {
                try {
                    Response busy = sip.messages().createResponse(Response.SERVICE_UNAVAILABLE, request);
                    busy.setReasonPhrase("Too many requests from " + source.getHostAddress());
                    busy.addHeader(sip.headers().createRetryAfterHeader((int) limits.sourceBan().toSeconds()));
                    sip.provider().sendResponse(busy);
                } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                    log.debug("cannot answer a banned source: {}", e.toString());
                }
            }
        }
        return false;
    }
}
