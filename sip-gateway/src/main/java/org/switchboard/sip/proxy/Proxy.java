package org.switchboard.sip.proxy;

import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
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
import org.switchboard.sip.trunk.Dids;
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
    private final ForkAnswers answers;
    private final Trunk trunk;
    private final Dids dids;
    /** Pending INVITEs by the caller's branch and Call-ID, so a CANCEL finds what it cancels. */
    private final Map<String, ForkContext> pendingInvites = new ConcurrentHashMap<>();

    public Proxy(SipSettings settings, SipMessages sip, LocationStore location, Clock clock, ScheduledExecutorService timers,
                 PrivateKey serverKey, Nonces nonces, DigestAuthenticator authenticator, SipPush push, WokenPhones woken,
                 CallLog calls, PushLimiter pushLimit, Trunk trunk, Dids dids) {
        this.dids = dids;
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
        this.answers = new ForkAnswers(sip, branches, stateless, calls, pendingInvites, new TrunkChallenges(sip, branches, trunk.login()));
        this.pushes = new PushWake(answers, settings, sip, location, timers, push, woken, pushLimit);
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
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        Request forward = (Request) request.clone();
        boolean routedHere = hops.popOwnRoutes(forward);
        boolean toThisServer = !routedHere && forward.getHeader(RouteHeader.NAME) == null && sip.isThisServer(forward.getRequestURI());
        boolean endsHere = toThisServer || (maxForwards != null && maxForwards.getMaxForwards() == 0);
        String hash = endsHere ? null : LoopDetector.hash(request);   // a keep-alive OPTIONS needs none
        if (!endsHere && !routedHere && firstInvite(request, forward, hash) && callers.challengedWithoutTransaction(request)) {
            return;
        }
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (endsHere) {
            if (Request.OPTIONS.equals(request.getMethod())) {
                sip.reply(transaction, request, Response.OK);   // a keep-alive ping, RFC 3261 16.3 step 3
            } else {
                sip.reply(transaction, request, toThisServer ? Response.NOT_FOUND : Response.TOO_MANY_HOPS);
            }
            return;
        }
        if (LoopDetector.looped(request, sip.host(), hash)) {
            sip.reply(transaction, request, Response.LOOP_DETECTED);
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (routedHere && (inDialog || forward.getHeader(RouteHeader.NAME) != null)) {
            calls.inDialog(request);
            forward(transaction, request, forward, List.of(forward.getRequestURI()), hash, false, 0, false);
        } else if (!inDialog && isOurDomain(forward.getRequestURI())) {
            String did = Request.INVITE.equals(request.getMethod()) ? trunk.incomingDid(request) : null;
            if (did != null) {
                fromTrunk(transaction, request, forward, hash, did);   // ADR 0046: the trunk is trusted by its address
                return;
            }
            callers.check(transaction, request, caller -> {
                CallerAuthentication.removeOwnCredentials(forward, settings.domain());
                toAccount(transaction, request, forward, hash, caller);
            });
        } else if (inDialog && request.getHeader(RouteHeader.NAME) == null && isOurDomain(forward.getRequestURI())) {
            // inside a dialog this server never record-routed, with no route set at all: a phone's clean-up BYE for a
            // call whose INVITE got no final answer (sipp sends one when it gives up) — no such dialog here (RFC 3261 12.2.2)
            sip.reply(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        } else {
            // neither for this domain (nor a number for its trunk) nor in a dialog it sealed: relaying it would be an open relay
            sip.reply(transaction, request, Response.FORBIDDEN, "Relaying denied");
        }
    }

    /**
     * An INVITE that goes on (not to the server itself, Max-Forwards above 0) and starts a call to this domain, not
     * from the trunk and not looping: the one whose first try {@link CallerAuthentication#challengedWithoutTransaction}
     * may answer without a transaction.
     */
    private boolean firstInvite(Request request, Request forward, String hash) {
        return Request.INVITE.equals(request.getMethod())
                && forward.getHeader(RouteHeader.NAME) == null
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && isOurDomain(forward.getRequestURI())
                && trunk.incomingDid(request) == null
                && !LoopDetector.looped(request, sip.host(), hash);
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
        // the attempt's record is committed before the INVITE goes on, and carries the concurrent call cap (ADR 0043);
        // the same statement reads the callee's bindings
        calls.start(ForkAnswers.inviteKey(request), request, account.id(), user).subscribe(start -> {
            if (start.refused()) {
                sip.reply(transaction, request, start.refusal(), start.reason());
            } else if (number != null) {
                URI target = trunk.prepare(sip.headers(), sip.addresses(), forward, number);
                forward(transaction, request, forward, List.of(target), hash, true, 0, true);
            } else {
                toBindings(transaction, request, forward, hash, user, caller, start.reachable());
            }
        }, error -> {
            log.warn("recording a call of {} to {} failed: {}", caller, user, error.toString());
            sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    /** A call from the trunk to a DID rings every phone of the DID's account; an unknown DID is 404. */
    private void fromTrunk(ServerTransaction transaction, Request request, Request forward, String hash, String did) {
        sip.reply(transaction, request, Response.TRYING);
        URI from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        String caller = from instanceof SipURI uri ? uri.getUser() + "@" + uri.getHost() : from.toString();
        dids.account(did).map(Optional::of).defaultIfEmpty(Optional.empty()).subscribe(account -> {
            if (account.isEmpty()) {
                sip.reply(transaction, request, Response.NOT_FOUND, "No such number here");
                return;
            }
            String user = account.get();
            calls.start(ForkAnswers.inviteKey(request), request, 0, user).subscribe(start -> {
                if (start.refused()) {
                    sip.reply(transaction, request, start.refusal(), start.reason());
                } else {
                    toBindings(transaction, request, forward, hash, user, caller, start.reachable());
                }
            }, error -> {
                log.warn("recording a call from the trunk to {} failed: {}", did, error.toString());
                sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
            });
        }, error -> {
            log.warn("looking up the DID {} failed: {}", did, error.toString());
            sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    /** A request other than an INVITE to an account: its bindings are looked up, then it is forked to them. */
    private void toContacts(ServerTransaction transaction, Request request, Request forward, String hash, String user, String caller) {
        location.lookup(user, settings.domain(), clock.instant()).collectList().subscribe(
                bindings -> toBindings(transaction, request, forward, hash, user, caller, bindings),
                error -> {
                    log.warn("looking up the contacts of {} failed: {}", user, error.toString());
                    endHere(transaction, request, Response.SERVER_INTERNAL_ERROR);
                });
    }

    /** Forks a request to the live bindings of {@code user}; an INVITE also wakes its push bindings (RFC 8599). */
    private void toBindings(ServerTransaction transaction, Request request, Request forward, String hash, String user, String caller,
                            List<Binding> bindings) {
        boolean invite = Request.INVITE.equals(request.getMethod());
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
        ForkContext context = forward(transaction, request, forward, targets, hash, recordRoute, wake.size(), false);
        if (context != null && !wake.isEmpty()) {
            pushes.wake(context, user, wake, caller);
        }
    }

    /**
     * Sends a copy of {@code forward} to each target in parallel (RFC 3261 16.6), each on its own client transaction;
     * {@code pushed} phones get their branch once they register again. Null when nothing could be started (480 sent).
     */
    private ForkContext forward(ServerTransaction transaction, Request request, Request forward, List<URI> targets, String hash,
                                boolean recordRoute, int pushed, boolean toTrunk) {
        ForkContext context = new ForkContext(transaction, request, forward, hash, recordRoute);
        context.toTrunk = toTrunk;
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
                pendingInvites.put(ForkAnswers.inviteKey(request), context);
                context.ringTimer = timers.schedule(() -> answers.ringTimeout(context), settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        answers.send(context, started);
        return context;
    }

    public void response(ResponseEvent event) {
        answers.response(event);
    }

    public void timeout(TimeoutEvent event) {
        answers.timeout(event);
    }

    /** CANCEL is hop by hop (RFC 3261 16.10): answered here, then each pending branch gets its own. */
    private void cancel(RequestEvent event) {
        Request cancel = event.getRequest();
        ServerTransaction transaction = sip.serverTransaction(event);
        ForkContext context = pendingInvites.get(ForkAnswers.inviteKey(cancel));
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
        cancels.forEach(answers::sendCancel);
        PushWake.stopWaiting(context);   // each phone still being woken ends with 487, so the caller gets one
    }

    /** A final answer made here rather than chosen among the branches' (RFC 3261 16.7); a call's record gets it too. */
    private void endHere(ServerTransaction transaction, Request request, int status) {
        sip.reply(transaction, request, status);
        if (Request.INVITE.equals(request.getMethod())) {
            calls.finalStatus(ForkAnswers.inviteKey(request), status, null);
        }
    }

    private boolean isOurDomain(URI uri) {
        return trunk.number(uri) != null || uri instanceof SipURI sip && sip.getUser() != null
                && (sip.getHost().equalsIgnoreCase(settings.domain()) || sip.getHost().equalsIgnoreCase(settings.host()));
    }


}
