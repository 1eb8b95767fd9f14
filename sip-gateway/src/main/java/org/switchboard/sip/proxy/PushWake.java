package org.switchboard.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.limits.PushLimiter;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.push.PushBinding;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.transport.SipMessages;

/**
 * Wakes the push-capable phones of a callee (RFC 8599 section 5.4): one VoIP push each through the
 * {@link org.switchboard.common.push.PushService} (the caller and a call id, never anything else), a
 * {@code 180 Ringing} to the caller meanwhile, and a branch for each phone as soon as it registers again.
 * A phone whose push fails, or that does not register within {@link SipSettings#pushWait()}, ends its branch
 * with 480; a CANCEL ends every wait with 487.
 */
final class PushWake {

    private static final Logger log = LoggerFactory.getLogger(PushWake.class);
    private static final Pattern PUSHABLE_CALL_ID = Pattern.compile("[A-Za-z0-9._:@+-]{1," + PushContent.MAX_CALL_ID + "}");

    /** Why a wait ended without the phone: the status its branch counts as. */
    private static final class NotWoken extends RuntimeException {
        final int status;

        NotWoken(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    private final ForkAnswers answers;
    private final SipSettings settings;
    private final SipMessages sip;
    private final LocationStore location;
    private final ScheduledExecutorService timers;
    private final SipPush push;
    private final org.switchboard.sip.push.WokenPhones woken;
    private final PushLimiter pushLimit;

    PushWake(ForkAnswers answers, SipSettings settings, SipMessages sip, LocationStore location, ScheduledExecutorService timers, SipPush push,
             org.switchboard.sip.push.WokenPhones woken, PushLimiter pushLimit) {
        this.pushLimit = pushLimit;
        this.answers = answers;
        this.settings = settings;
        this.sip = sip;
        this.location = location;
        this.timers = timers;
        this.push = push;
        this.woken = woken;
    }

    /** Whether a call to this binding goes by push: it has push parameters for a service this server pushes through. */
    boolean canWake(Binding binding) {
        return binding.push() != null && push.platforms().contains(binding.push().provider());
    }

    /** Pushes each phone and waits for it; the context already counts them in {@code waitingPushes}. */
    void wake(ForkContext context, String user, List<PushBinding> phones, String caller) {
        String callId = ((CallIdHeader) context.request.getHeader(CallIdHeader.NAME)).getCallId();
        PushContent content = PushContent.call(caller, pushableCallId(callId));
        for (PushBinding phone : phones) {
            CompletableFuture<Binding> registered = woken.await(user, phone);
            boolean ended;
            synchronized (context) {
                ended = context.answered || context.cancelled;
                context.pushWaits.add(registered);
            }
            ScheduledFuture<?> deadline = timers.schedule(() -> registered.completeExceptionally(new NotWoken(Response.TEMPORARILY_UNAVAILABLE,
                    "did not register within " + settings.pushWait().toSeconds() + " s")), settings.pushWait().toMillis(), TimeUnit.MILLISECONDS);
            registered.whenComplete((binding, error) -> {
                deadline.cancel(false);
                if (binding != null) {
                    reach(context, binding);
                } else {
                    int status = error instanceof NotWoken notWoken ? notWoken.status
                            : error instanceof CancellationException ? Response.REQUEST_TERMINATED : Response.TEMPORARILY_UNAVAILABLE;
                    log.debug("a pushed phone of {} does not take the call: {}", user, error.getMessage());
                    answers.pushEnded(context, status);
                }
            });
            if (ended) {
                registered.cancel(false);
                continue;
            }
            if (!pushLimit.allow(caller, user)) {
                // ADR 0043: a caller dialling again and again must not keep waking someone's phone
                registered.completeExceptionally(new NotWoken(Response.TEMPORARILY_UNAVAILABLE, "push limit of " + caller + " reached"));
                continue;
            }
            push.service().send(phone.target(), content).whenComplete((outcome, error) -> {
                if (outcome == PushOutcome.DELIVERED) {
                    return;
                }
                Runnable notWoken = () -> registered.completeExceptionally(new NotWoken(Response.TEMPORARILY_UNAVAILABLE,
                        "push " + (outcome == null ? String.valueOf(error) : outcome.metricTag())));
                if (outcome == PushOutcome.TOKEN_REMOVED) {
                    // the service says this device is gone: nothing will ever wake this binding again; forgotten
                    // before the caller hears 480, so a second call does not push the dead token again
                    location.forget(user, settings.domain(), phone)
                            .doOnError(failure -> log.warn("forgetting a gone push binding of {} failed: {}", user, failure.toString()))
                            .onErrorComplete().doFinally(signal -> notWoken.run()).subscribe();
                } else {
                    notWoken.run();
                }
            });
        }
        ringing(context);
    }

    private void reach(ForkContext context, Binding binding) {
        try {
            answers.woken(context, withoutPushParameters(sip.addresses().createURI(binding.contactUri())));
        } catch (ParseException e) {
            answers.pushEnded(context, Response.TEMPORARILY_UNAVAILABLE);
        }
    }

    /** The call ended (answered, cancelled, timed out): every phone still being woken stops being waited for. */
    static void stopWaiting(ForkContext context) {
        List<CompletableFuture<?>> waits;
        synchronized (context) {
            waits = List.copyOf(context.pushWaits);
        }
        waits.forEach(wait -> wait.cancel(false));
    }

    /**
     * 180 Ringing while the phone wakes, so the caller hears it ring and its own timers do not run out; the To
     * tag makes it an early dialog of this server's, which the callee's own answer replaces.
     */
    private void ringing(ForkContext context) {
        Response ringing = answers.synthetic(context.request, Response.RINGING);
        try {
            ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag("sbpush" + Long.toHexString(System.nanoTime()));
        } catch (ParseException e) {
            return;
        }
        answers.answerUpstream(context, ringing);
    }

    /**
     * The push parameters are for this server, not for the phone's request line (RFC 8599 section 5.4): pn-provider,
     * pn-prid, pn-param, pn-purr, and the pn-* extensions Linphone adds (pn-silent, pn-timeout, …).
     */
    static URI withoutPushParameters(URI uri) {
        if (uri instanceof SipURI sipUri) {
            List<String> names = new java.util.ArrayList<>();
            sipUri.getParameterNames().forEachRemaining(name -> names.add(String.valueOf(name)));
            names.stream().filter(name -> name.regionMatches(true, 0, "pn-", 0, 3)).forEach(sipUri::removeParameter);
        }
        return uri;
    }

    /** A Call-ID may hold characters a push may not carry: then a digest of it, which the app can match all the same. */
    static String pushableCallId(String callId) {
        if (PUSHABLE_CALL_ID.matcher(callId).matches()) {
            return callId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
