package org.switchboard.sip.proxy;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.cdr.CallLog;
import org.switchboard.sip.transport.SipMessages;

/**
 * The answers to what the proxy forked (RFC 3261 sections 16.7 and 16.8): provisional answers passed up, the
 * first 2xx ending the other branches, the best final answer once every branch ended, Timer C, the branches of
 * phones woken by a push, and the final answer's call record. Split from {@link Proxy}, which routes requests.
 */
final class ForkAnswers {

    private static final Logger log = LoggerFactory.getLogger(ForkAnswers.class);

    private final SipMessages sip;
    private final Branches branches;
    private final StatelessForwarding stateless;
    private final CallLog calls;
    /** The proxy's pending INVITEs (by the caller's branch and Call-ID); an INVITE answered here leaves it. */
    private final Map<String, ForkContext> pendingInvites;
    private final TrunkChallenges challenges;

    ForkAnswers(SipMessages sip, Branches branches, StatelessForwarding stateless, CallLog calls, Map<String, ForkContext> pendingInvites,
                TrunkChallenges challenges) {
        this.sip = sip;
        this.challenges = challenges;
        this.branches = branches;
        this.stateless = stateless;
        this.calls = calls;
        this.pendingInvites = pendingInvites;
    }

    void send(ForkContext context, List<ClientTransaction> started) {
        for (ClientTransaction client : started) {
            try {
                client.sendRequest();
            } catch (SipException e) {
                log.debug("sending {} failed: {}", context.request.getMethod(), e.toString());
                branchEnded(context, client, synthetic(context.request, Response.TEMPORARILY_UNAVAILABLE));
            }
        }
    }

    /** A pushed phone registered again: its branch starts now, unless the call already ended (RFC 8599 section 5.4). */
    void woken(ForkContext context, URI contact) {
        List<ClientTransaction> started;
        boolean over;
        synchronized (context) {
            over = context.answered || context.cancelled;
            started = over ? List.of() : branches.start(context, List.of(contact));
            if (started.isEmpty()) {
                context.waitingPushes++;   // ended below, like a phone that never came
            }
            context.waitingPushes--;
        }
        if (started.isEmpty()) {
            pushEnded(context, over ? Response.REQUEST_TERMINATED : Response.TEMPORARILY_UNAVAILABLE);
        } else {
            send(context, started);
        }
    }

    /** A pushed phone will not take this call: the push failed, it did not register in time, or the call ended. */
    void pushEnded(ForkContext context, int status) {
        Response best = null;
        synchronized (context) {
            context.waitingPushes--;
            context.finals.add(synthetic(context.request, status));
            if (context.allDone() && context.answer()) {
                best = BestResponse.choose(context.finals);
            }
        }
        if (best != null) {
            pendingInvites.remove(inviteKey(context.request), context);
            int forwarded = BestResponse.forwardedStatus(best.getStatusCode());
            answerUpstream(context, forwarded == best.getStatusCode() ? best : synthetic(context.request, forwarded));
        }
    }

    public void response(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction client = event.getClientTransaction();
        if (client == null) {
            stateless.forwardResponse(response);
            return;
        }
        if (!(client.getApplicationData() instanceof ForkContext context) || response.getStatusCode() == Response.TRYING) {
            return;   // answers to our own CANCELs, and 100s, which go no further (RFC 3261 16.7 step 5)
        }
        Response upstream = (Response) response.clone();
        upstream.removeFirst(ViaHeader.NAME);
        // the caller's CSeq: the branch may carry the trunk's (a call resent with credentials, ADR 0046)
        upstream.setHeader((CSeqHeader) context.request.getHeader(CSeqHeader.NAME).clone());
        int status = response.getStatusCode();
        if (context.toTrunk && TrunkChallenges.isChallenge(status)) {
            List<ClientTransaction> resent = challenges.resend(context, client, response);
            if (resent.isEmpty()) {
                Response refused = synthetic(context.request, Response.FORBIDDEN);
                try {
                    refused.setReasonPhrase("Trunk refused this server");
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                branchEnded(context, client, refused);
            } else {
                send(context, resent);
            }
            return;
        }
        if (status < 200) {
            boolean cancelNow;
            boolean forwardIt;
            synchronized (context) {
                ForkContext.Branch branch = context.branches.get(client);
                branch.provisional = true;
                cancelNow = context.cancelled && !branch.cancelSent;
                branch.cancelSent |= cancelNow;
                forwardIt = !context.answered;
            }
            if (cancelNow) {
                sendCancel(client);
            }
            if (forwardIt) {
                answerUpstream(context, upstream);
            }
            return;
        }
        if (status < 300) {
            answered(context, client, upstream);
        } else {
            branchEnded(context, client, upstream);
        }
    }

    /** A 2xx goes up at once; to an INVITE it ends the other branches (RFC 3261 16.7 step 10). */
    private void answered(ForkContext context, ClientTransaction client, Response upstream) {
        boolean first;
        List<ClientTransaction> cancels = List.of();
        synchronized (context) {
            context.branches.get(client).done = true;
            first = context.answer();
            if (context.invite) {
                context.cancelled = true;
                cancels = context.toCancel();
            }
        }
        if (first) {
            pendingInvites.remove(inviteKey(context.request), context);
            answerUpstream(context, upstream);
            PushWake.stopWaiting(context);
        } else if (context.invite) {
            stateless.forward2xx(upstream);   // a second callee answered too: the caller sorts it out with BYE
        }
        cancels.forEach(this::sendCancel);
    }

    private void branchEnded(ForkContext context, ClientTransaction client, Response upstream) {
        Response best = null;
        List<ClientTransaction> cancels = List.of();
        synchronized (context) {
            ForkContext.Branch branch = context.branches.get(client);
            if (branch == null || branch.done) {
                return;
            }
            branch.done = true;
            context.finals.add(upstream);
            if (context.invite && upstream.getStatusCode() >= 600) {
                context.cancelled = true;
                cancels = context.toCancel();
            }
            if ((context.allDone() || upstream.getStatusCode() >= 600) && context.answer()) {
                best = BestResponse.choose(context.finals);
            }
        }
        cancels.forEach(this::sendCancel);
        if (best != null) {
            pendingInvites.remove(inviteKey(context.request), context);
            int status = BestResponse.forwardedStatus(best.getStatusCode());
            answerUpstream(context, status == best.getStatusCode() ? best : synthetic(context.request, status));
        }
    }

    public void timeout(TimeoutEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client != null && client.getApplicationData() instanceof ForkContext context) {
            branchEnded(context, client, synthetic(context.request, Response.REQUEST_TIMEOUT));
        }
    }

    /** Nobody answered in time (RFC 3261 16.8, Timer C): the caller gets 408 and every branch a CANCEL. */
    void ringTimeout(ForkContext context) {
        List<ClientTransaction> cancels;
        synchronized (context) {
            if (!context.answer()) {
                return;
            }
            context.cancelled = true;
            cancels = context.toCancel();
        }
        pendingInvites.remove(inviteKey(context.request), context);
        answerUpstream(context, synthetic(context.request, Response.REQUEST_TIMEOUT));
        cancels.forEach(this::sendCancel);
        PushWake.stopWaiting(context);
    }

    void sendCancel(ClientTransaction client) {
        try {
            sip.provider().getNewClientTransaction(client.createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            log.debug("cannot cancel a branch: {}", e.toString());
        }
    }

    /**
     * Answers the caller's request upstream. The request is the context's copy: the server transaction lets go of its
     * own once it has sent a final answer (ADR 0058), and a late branch could still reach here after that.
     */
    void answerUpstream(ForkContext context, Response response) {
        boolean last = response.getStatusCode() >= 200;
        if (last && context.invite) {
            calls.finalResponse(inviteKey(context.request), response);
        }
        try {
            context.server.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.debug("cannot send {} upstream: {}", response.getStatusCode(), e.toString());
        }
        if (last && !context.invite) {
            release(context);
        }
    }

    /**
     * After the final answer to a request other than INVITE nothing more goes upstream, so its branches let go of the
     * context: a later answer on one of them is dropped as it would be here. Over UDP a branch's transaction stays
     * for Timer K (5 s) to absorb the callee's retransmissions; without this it kept the caller's request, its
     * forwarded copy and the answers with it, the largest part of what every young collection copied at a thousand
     * calls a second (their BYEs).
     */
    private static void release(ForkContext context) {
        synchronized (context) {
            context.branches.keySet().forEach(client -> client.setApplicationData(null));
        }
    }

    Response synthetic(Request request, int status) {
        try {
            return sip.messages().createResponse(status, request);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot create a " + status + " response", e);
        }
    }

    static String inviteKey(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch() + "|" + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
