package org.switchboard.sip.cdr;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.metrics.SipMetrics;
import reactor.core.publisher.Mono;

/**
 * What the proxy tells about the calls it routes, turned into call records and metrics. Attempts in progress are
 * known by the proxy's key of their INVITE (its top Via branch and Call-ID); once final they are forgotten here
 * and an established call is found by its Call-ID when its BYE passes.
 */
public final class CallLog {

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);

    private final CallRecords records;
    private final SipMetrics metrics;
    private final Clock clock;
    private final int cap;
    private final Map<String, Long> attempts = new ConcurrentHashMap<>();

    public CallLog(CallRecords records, SipMetrics metrics, Clock clock, int callsPerAccount) {
        this.records = records;
        this.metrics = metrics;
        this.clock = clock;
        this.cap = callsPerAccount;
    }

    /**
     * An authenticated INVITE of account {@code callerId} to {@code callee} of this domain starts: recorded, and
     * checked against the concurrent call cap. A refused start is already final in the records; another carries the
     * callee's reachable bindings.
     */
    public Mono<CallRecords.Start> start(String key, Request invite, long callerId, String callee) {
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        String from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        String to = ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        return records.start(callId, callerId, callee, from, to, cap, clock.instant()).doOnNext(start -> {
            if (start.refused()) {
                metrics.call(start.refusal(), true);
            } else {
                attempts.put(key, start.id());
            }
        });
    }

    /** The final response to the INVITE with this key went to the caller. */
    public void finalResponse(String key, Response response) {
        Long id = attempts.remove(key);
        if (id == null) {
            return;   // a re-INVITE inside a call, or an attempt that was never recorded
        }
        int status = response.getStatusCode();
        metrics.call(status, false);
        Mono<Void> write;
        if (status < 300) {
            ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
            write = records.answered(id, contact == null ? null : contact.getAddress().getURI().toString(), clock.instant());
        } else {
            write = records.failed(id, status, response.getReasonPhrase(), clock.instant());
        }
        write.subscribe(null, error -> log.warn("recording the end of call attempt {} failed: {}", id, error.toString()));
    }

    /** The final status of an attempt the proxy ended itself without a response object at hand. */
    public void finalStatus(String key, int status, String reason) {
        Long id = attempts.remove(key);
        if (id == null) {
            return;
        }
        metrics.call(status, false);
        records.failed(id, status, reason, clock.instant())
                .subscribe(null, error -> log.warn("recording the end of call attempt {} failed: {}", id, error.toString()));
    }

    /** A request inside a dialog passed: a BYE ends the established call of its Call-ID. */
    public void inDialog(Request request) {
        if (!Request.BYE.equals(request.getMethod())) {
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        records.hungUp(callId, clock.instant())
                .subscribe(null, error -> log.warn("recording the hang-up of a call failed: {}", error.toString()));
    }
}
