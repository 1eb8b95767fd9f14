package org.switchboard.sip.trunk;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.metrics.SipMetrics;
import org.switchboard.sip.transport.SipMessages;

/**
 * This server's registration with the trunk (RFC 3261 section 10, {@code SWITCHBOARD_SIP_TRUNK_REGISTER}): a REGISTER
 * of {@code sip:<username>@<trunk host>} with this server's Contact, the trunk's digest challenge answered, refreshed
 * before what the trunk granted runs out, and on failure retried after the trunk's {@code Retry-After} or with a
 * doubling backoff (30 s to 30 min). One Call-ID for its whole life, CSeq counted up (section 10.2.4). Its state is the
 * gauge {@code switchboard_sip_trunk_registered} and a log line at every change.
 */
public final class TrunkRegistration {

    /** Where the registration stands. */
    public enum State { REGISTERING, REGISTERED, FAILED, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(TrunkRegistration.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofMinutes(30);
    /** Longest Retry-After honoured: a trunk must not park the registration for days. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipMessages sip;
    private final TrunkSettings settings;
    private final ScheduledExecutorService timers;
    private final SipMetrics metrics;
    private final String callId = random() + "@switchboard";
    private final String fromTag = random();
    private long cseq;
    private State state = State.REGISTERING;
    private int failures;
    /** The request last sent carried credentials: a second challenge to it means they were refused. */
    private boolean answered;
    private ScheduledFuture<?> next;

    public TrunkRegistration(SipMessages sip, TrunkSettings settings, ScheduledExecutorService timers, SipMetrics metrics) {
        if (settings.login() == null || !settings.login().register()) {
            throw new IllegalArgumentException("registering with the trunk needs SWITCHBOARD_SIP_TRUNK_USERNAME/_PASSWORD and _REGISTER=true");
        }
        this.sip = sip;
        this.settings = settings;
        this.timers = timers;
        this.metrics = metrics;
        metrics.trunkRegisteredNow(() -> state() == State.REGISTERED ? 1 : 0);
    }

    public synchronized State state() {
        return state;
    }

    public synchronized void start() {
        send(null);
    }

    public synchronized void stop() {
        state = State.STOPPED;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** The stack's answer to a REGISTER; false when the transaction is not one of these. */
    public static boolean response(ResponseEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client == null || !(client.getApplicationData() instanceof TrunkRegistration registration)) {
            return false;
        }
        registration.answered(event.getResponse());
        return true;
    }

    /** No answer from the trunk (Timer F); false when the transaction is not one of these. */
    public static boolean timeout(TimeoutEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client == null || !(client.getApplicationData() instanceof TrunkRegistration registration)) {
            return false;
        }
        synchronized (registration) {
            registration.failed("no answer", null);
        }
        return true;
    }

    private synchronized void answered(Response response) {
        int status = response.getStatusCode();
        if (status < 200 || state == State.STOPPED) {
            return;
        }
        if (status < 300) {
            long granted = granted(response);
            boolean was = state == State.REGISTERED;
            state = State.REGISTERED;
            failures = 0;
            metrics.trunkRegistration("registered");
            if (!was) {
                log.info("registered with the SIP trunk {} as {} for {} s", settings.host(), settings.login().username(), granted);
            }
            // refresh with a margin: half way for short grants, else a minute early (the trunk's clock and the path both lag)
            long refresh = granted <= 120 ? Math.max(1, granted / 2) : granted - 60;
            schedule(Duration.ofSeconds(refresh), null);
        } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !answered) {
            try {
                Request probe = request();
                AuthorizationHeader credentials = TrunkDigest.answer(response, probe, settings.login(), sip.headers());
                if (credentials == null) {
                    failed("a challenge with no digest this server can answer", null);
                } else {
                    send(credentials);
                }
            } catch (ParseException | InvalidArgumentException e) {
                failed(e.toString(), null);
            }
        } else {
            RetryAfterHeader retryAfter = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
            failed(status + " " + response.getReasonPhrase(), retryAfter == null ? null : Duration.ofSeconds(retryAfter.getRetryAfter()));
        }
    }

    /** What the trunk granted: our Contact's expires, else the Expires header, else what we asked. */
    private long granted(Response response) {
        long asked = settings.login().registerExpires();
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            if (contacts.next() instanceof ContactHeader contact && contact.getAddress().getURI() instanceof SipURI uri
                    && sip.host().equalsIgnoreCase(uri.getHost()) && contact.getExpires() > 0) {
                return Math.min(asked, contact.getExpires());
            }
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires != null && expires.getExpires() > 0 ? Math.min(asked, expires.getExpires()) : asked;
    }

    private void failed(String why, Duration retryAfter) {
        if (state == State.STOPPED) {
            return;
        }
        state = State.FAILED;
        failures++;
        metrics.trunkRegistration("failed");
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 6));
        Duration wait = retryAfter != null && !retryAfter.isZero() ? min(retryAfter, MAX_RETRY_AFTER) : min(backoff, LAST_RETRY);
        log.warn("registering with the SIP trunk {} failed ({}); trying again in {} s", settings.host(), why, wait.toSeconds());
        schedule(wait, null);
    }

    private void schedule(Duration in, AuthorizationHeader credentials) {
        if (next != null) {
            next.cancel(false);
        }
        next = timers.schedule(() -> {
            synchronized (this) {
                send(credentials);
            }
        }, in.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the next REGISTER; called under this object's lock. */
    private void send(AuthorizationHeader credentials) {
        if (state == State.STOPPED) {
            return;
        }
        try {
            Request register = request();
            if (credentials != null) {
                register.setHeader(credentials);
            }
            answered = credentials != null;
            ClientTransaction client = sip.provider().getNewClientTransaction(register);
            client.setApplicationData(this);
            client.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            failed("cannot send: " + e, null);
        }
    }

    private Request request() throws ParseException, InvalidArgumentException {
        String transport = settings.transport().equals("udp") ? ListeningPoint.UDP : settings.transport().toUpperCase();
        SipURI registrar = sip.addresses().createSipURI(null, settings.host());
        registrar.setPort(settings.port());
        registrar.setTransportParam(settings.transport());
        Address aor = sip.addresses().createAddress(sip.addresses().createSipURI(settings.login().username(), settings.host()));
        ListeningPoint point = sip.point(transport);
        SipURI contactUri = sip.addresses().createSipURI(settings.login().username(), sip.host());
        contactUri.setPort(point.getPort());
        contactUri.setTransportParam(point.getTransport().toLowerCase());
        Request register = sip.messages().createRequest(registrar, Request.REGISTER,
                sip.headers().createCallIdHeader(callId), sip.headers().createCSeqHeader(++cseq, Request.REGISTER),
                sip.headers().createFromHeader(aor, fromTag), sip.headers().createToHeader(aor, null),
                java.util.List.of(sip.via(transport, "z9hG4bK" + random())), sip.headers().createMaxForwardsHeader(70));
        register.addHeader(sip.headers().createContactHeader(sip.addresses().createAddress(contactUri)));
        register.addHeader(sip.headers().createExpiresHeader(settings.login().registerExpires()));
        return register;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String random() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
