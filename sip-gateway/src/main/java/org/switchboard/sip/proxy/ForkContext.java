package org.switchboard.sip.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The response context of one proxied request (RFC 3261 section 16.7): its server transaction, a client
 * transaction per branch, and the final responses collected so far. Events for its branches arrive on
 * several listener threads, so every method that reads or changes state is called under its lock.
 */
final class ForkContext {

    /** One branch: whether it has rung (a CANCEL may only follow a provisional, RFC 3261 9.1) and ended. */
    static final class Branch {
        boolean provisional;
        boolean done;
        boolean cancelSent;
    }

    final ServerTransaction server;
    final Request request;
    /** What each branch is a copy of, with its loop hash and whether it is Record-Routed: branches may start late (RFC 8599). */
    final Request forward;
    final String hash;
    final boolean recordRoute;
    final boolean invite;
    /** Sent to the trunk (ADR 0046): a 401/407 from it is answered with the trunk credentials, once. */
    boolean toTrunk;
    /** Times this request was resent with credentials: the CSeq offset of its dialog. */
    int credentialsSent;
    /** Branch numbers for Via branch ids; a branch started for a woken phone takes the next one. */
    int nextBranch;
    /** Phones pushed and not yet registered again (RFC 8599): the request is not done while any is. */
    int waitingPushes;
    /** The waits for those phones, cancelled with the call. */
    final List<java.util.concurrent.CompletableFuture<?>> pushWaits = new ArrayList<>();
    final Map<ClientTransaction, Branch> branches = new LinkedHashMap<>();
    final List<Response> finals = new ArrayList<>();
    /** A final response went upstream: nothing but further 2xx to an INVITE may follow. */
    boolean answered;
    /** The caller cancelled (or the ring timer fired): branches are cancelled as soon as they may be. */
    boolean cancelled;
    /** Timer C of an INVITE; stopped once a final response went upstream, so answered calls hold no task. */
    java.util.concurrent.ScheduledFuture<?> ringTimer;

    /** Marks the request answered; true if it was not before. */
    boolean answer() {
        if (answered) {
            return false;
        }
        answered = true;
        if (ringTimer != null) {
            ringTimer.cancel(false);
        }
        return true;
    }

    ForkContext(ServerTransaction server, Request request, Request forward, String hash, boolean recordRoute) {
        this.server = server;
        this.request = request;
        this.forward = forward;
        this.hash = hash;
        this.recordRoute = recordRoute;
        this.invite = Request.INVITE.equals(request.getMethod());
    }

    boolean allDone() {
        return waitingPushes == 0 && branches.values().stream().allMatch(branch -> branch.done);
    }

    /** Branches that have rung, are still open and were not cancelled yet: each gets a CANCEL now. */
    List<ClientTransaction> toCancel() {
        List<ClientTransaction> open = new ArrayList<>();
        branches.forEach((transaction, branch) -> {
            if (branch.provisional && !branch.done && !branch.cancelSent) {
                branch.cancelSent = true;
                open.add(transaction);
            }
        });
        return open;
    }
}
