package org.switchboard.sip.proxy;

import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.Localpart;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.cdr.CallLog;
import org.switchboard.sip.digest.DigestAuthenticator;
import org.switchboard.sip.digest.Nonces;
import org.switchboard.sip.limits.PushLimiter;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.push.PushBinding;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.push.WokenPhones;
import org.switchboard.sip.transport.SipMessages;
import org.switchboard.sip.trunk.Trunk;

/** Routes every request that is not a REGISTER (RFC 3261 section 16) and the responses to what it forwarded. */
public final class Proxy {

    private static final Logger log = LoggerFactory.getLogger(Proxy.class);

    private final SipSettings settings;
    private final SipMessages sip;
    private final LocationStore location;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Hops hops;
    private final CallerAuthentication callers;
    private final PushWake pushes;
    private final Branches branches;
    private final StatelessForwarding stateless;
    private final CallLog calls;
    private final Trunk trunk;
    /** Pending INVITEs by the caller's branch and Call-ID, so a CANCEL finds what it cancels. */
    private final Map<String, ForkContext> pendingInvites = new ConcurrentHashMap<>();

    public Proxy(SipSettings settings, SipMessages sip, LocationStore location, Clock clock, ScheduledExecutorService timers,
                 PrivateKey serverKey, Nonces nonces, DigestAuthenticator authenticator, SipPush push, WokenPhones woken,
                 CallLog calls, PushLimiter pushLimit, Trunk trunk) {
        this.settings = settings;
        this.sip = sip;
        this.location = location;
        this.clock = clock;
        this.timers = timers;
        this.calls = calls;
        this.trunk = trunk;
        RouteSeal seal = new RouteSeal(serverKey);
        this.hops = new Hops(sip, seal);
        this.branches = new Branches(sip, seal, hops);
        this.stateless = new StatelessForwarding(sip, hops);
        this.callers = new CallerAuthentication(settings, sip, nonces, authenticator);
        this.pushes = new PushWake(this, settings, sip, location, timers, push, woken, pushLimit);
    }

    public void request(RequestEvent event) {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.ACK -> {
                if (event.getServerTransaction() == null) {
                    stateless.forwardAck(request);
                }
            }
            case Request.CANCEL -> cancel(event);
            default -> route(event);
        }
    }

    private void route(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction == null) {
            return;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        Request forward = (Request) request.clone();
        boolean routedHere = hops.popOwnRoutes(forward);
        boolean toThisServer = !routedHere && forward.getHeader(RouteHeader.NAME) == null && sip.isThisServer(forward.getRequestURI());
        if (toThisServer || (maxForwards != null && maxForwards.getMaxForwards() == 0)) {
            if (Request.OPTIONS.equals(request.getMethod())) {
                sip.reply(transaction, request, Response.OK);   // a keep-alive ping, RFC 3261 16.3 step 3
            } else {
                sip.reply(transaction, request, toThisServer ? Response.NOT_FOUND : Response.TOO_MANY_HOPS);
            }
            return;
        }
        String hash = LoopDetector.hash(request);
        if (LoopDetector.looped(request, sip.host(), hash)) {
            sip.reply(transaction, request, Response.LOOP_DETECTED);
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (routedHere && (inDialog || forward.getHeader(RouteHeader.NAME) != null)) {
            calls.inDialog(request);
            forward(transaction, request, forward, List.of(forward.getRequestURI()), hash, false, 0);
        } else if (!inDialog && isOurDomain(forward.getRequestURI())) {
            callers.check(transaction, request, caller -> {
                CallerAuthentication.removeOwnCredentials(forward, settings.domain());
                toAccount(transaction, request, forward, hash, caller);
            });
        } else {
            // neither for this domain (nor a number for its trunk) nor in a dialog it sealed: relaying it would be an open relay
            sip.reply(transaction, request, Response.FORBIDDEN, "Relaying denied");
        }
    }

    private void toAccount(ServerTransaction transaction, Request request, Request forward, String hash, Account account) {
        String number = trunk.number(forward.getRequestURI());   // ADR 0046: a phone number goes to the trunk
        String user = number != null ? number : Localpart.normalizeOrNull(((SipURI) forward.getRequestURI()).getUser());
        if (user == null || (number != null && !Request.INVITE.equals(request.getMethod()))) {
            sip.reply(transaction, request, Response.NOT_FOUND);
            return;
        }
        String caller = account.localpart() + "@" + settings.domain();
        if (!Request.INVITE.equals(request.getMethod())) {
            toContacts(transaction, request, forward, hash, user, caller);
            return;
        }
        sip.reply(transaction, request, Response.TRYING);
        // the attempt's record is committed before the INVITE goes on, and carries the concurrent call cap (ADR 0043)
        calls.start(inviteKey(request), request, account.id(), user).subscribe(start -> {
            if (start.refused()) {
                sip.reply(transaction, request, start.refusal(), start.reason());
            } else if (number != null) {
                URI target = trunk.prepare(sip.headers(), sip.addresses(), forward, number);
                forward(transaction, request, forward, List.of(target), hash, true, 0);
            } else {
                toContacts(transaction, request, forward, hash, user, caller);
            }
        }, error -> {
            log.warn("recording a call of {} to {} failed: {}", caller, user, error.toString());
            sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    private void toContacts(ServerTransaction transaction, Request request, Request forward, String hash, String user, String caller) {
        boolean invite = Request.INVITE.equals(request.getMethod());
        location.lookup(user, settings.domain(), clock.instant()).collectList().subscribe(bindings -> {
            Instant now = clock.instant();
            List<URI> targets = new ArrayList<>();
            List<PushBinding> wake = new ArrayList<>();
            for (Binding binding : bindings) {
                if (invite && pushes.canWake(binding)) {
                    wake.add(binding.push());   // RFC 8599 section 5.4: pushed, and reached once it registers again
                } else if (binding.live(now)) {
                    try {
                        targets.add(PushWake.withoutPushParameters(sip.addresses().createURI(binding.contactUri())));
                    } catch (ParseException e) {
                        log.debug("skipping a stored contact that no longer parses: {}", binding.contactUri());
                    }
                }
            }
            if (targets.isEmpty() && wake.isEmpty()) {
                endHere(transaction, request, Response.TEMPORARILY_UNAVAILABLE);
                return;
            }
            boolean recordRoute = invite || Request.SUBSCRIBE.equals(request.getMethod()) || Request.REFER.equals(request.getMethod());
            ForkContext context = forward(transaction, request, forward, targets, hash, recordRoute, wake.size());
            if (context != null && !wake.isEmpty()) {
                pushes.wake(context, user, wake, caller);
            }
        }, error -> {
            log.warn("looking up the contacts of {} failed: {}", user, error.toString());
            endHere(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    /**
     * Sends a copy of {@code forward} to each target in parallel (RFC 3261 16.6), each on its own client transaction;
     * {@code pushed} phones get their branch once they register again. Null when nothing could be started (480 sent).
     */
    private ForkContext forward(ServerTransaction transaction, Request request, Request forward, List<URI> targets, String hash,
                                boolean recordRoute, int pushed) {
        ForkContext context = new ForkContext(transaction, request, forward, hash, recordRoute);
        List<ClientTransaction> started;
        synchronized (context) {
            started = branches.start(context, targets);
            context.waitingPushes = pushed;
            if (started.isEmpty() && pushed == 0) {
                context.answered = true;
                endHere(transaction, request, Response.TEMPORARILY_UNAVAILABLE);
                return null;
            }
            if (context.invite) {
                pendingInvites.put(inviteKey(request), context);
                context.ringTimer = timers.schedule(() -> ringTimeout(context), settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        send(context, started);
        return context;
    }

    private void send(ForkContext context, List<ClientTransaction> started) {
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
            send(context.server, forwarded == best.getStatusCode() ? best : synthetic(context.request, forwarded));
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
        int status = response.getStatusCode();
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
                send(context.server, upstream);
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
            send(context.server, upstream);
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
            send(context.server, status == best.getStatusCode() ? best : synthetic(context.request, status));
        }
    }

    public void timeout(TimeoutEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client != null && client.getApplicationData() instanceof ForkContext context) {
            branchEnded(context, client, synthetic(context.request, Response.REQUEST_TIMEOUT));
        }
    }

    /** Nobody answered in time (RFC 3261 16.8, Timer C): the caller gets 408 and every branch a CANCEL. */
    private void ringTimeout(ForkContext context) {
        List<ClientTransaction> cancels;
        synchronized (context) {
            if (!context.answer()) {
                return;
            }
            context.cancelled = true;
            cancels = context.toCancel();
        }
        pendingInvites.remove(inviteKey(context.request), context);
        send(context.server, synthetic(context.request, Response.REQUEST_TIMEOUT));
        cancels.forEach(this::sendCancel);
        PushWake.stopWaiting(context);
    }

    /** CANCEL is hop by hop (RFC 3261 16.10): answered here, then each pending branch gets its own. */
    private void cancel(RequestEvent event) {
        Request cancel = event.getRequest();
        ServerTransaction transaction = sip.serverTransaction(event);
        ForkContext context = pendingInvites.get(inviteKey(cancel));
        if (context == null) {
            sip.reply(transaction, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(transaction, cancel, Response.OK);
        List<ClientTransaction> cancels;
        synchronized (context) {
            context.cancelled = true;
            cancels = context.toCancel();
        }
        cancels.forEach(this::sendCancel);
        PushWake.stopWaiting(context);   // each phone still being woken ends with 487, so the caller gets one
    }

    private void sendCancel(ClientTransaction client) {
        try {
            sip.provider().getNewClientTransaction(client.createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            log.debug("cannot cancel a branch: {}", e.toString());
        }
    }

    /** A final answer made here rather than chosen among the branches' (RFC 3261 16.7); a call's record gets it too. */
    private void endHere(ServerTransaction transaction, Request request, int status) {
        sip.reply(transaction, request, status);
        if (Request.INVITE.equals(request.getMethod())) {
            calls.finalStatus(inviteKey(request), status, null);
        }
    }

    void send(ServerTransaction transaction, Response response) {
        if (response.getStatusCode() >= 200 && Request.INVITE.equals(transaction.getRequest().getMethod())) {
            calls.finalResponse(inviteKey(transaction.getRequest()), response);
        }
        try {
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.debug("cannot send {} upstream: {}", response.getStatusCode(), e.toString());
        }
    }

    Response synthetic(Request request, int status) {
        try {
            return sip.messages().createResponse(status, request);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot create a " + status + " response", e);
        }
    }

    private boolean isOurDomain(URI uri) {
        return trunk.number(uri) != null || uri instanceof SipURI sip && sip.getUser() != null
                && (sip.getHost().equalsIgnoreCase(settings.domain()) || sip.getHost().equalsIgnoreCase(settings.host()));
    }

    private static String inviteKey(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch() + "|" + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
