package org.switchboard.sip.registrar;

import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.digest.DigestAuthenticator;
import org.switchboard.sip.digest.DigestChallenge;
import org.switchboard.sip.digest.DigestCredentials;
import org.switchboard.sip.digest.Nonces;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.BindingChange;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.location.RegistrationRefused;
import org.switchboard.sip.metrics.SipMetrics;
import org.switchboard.sip.push.FeatureCaps;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.push.WokenPhones;
import org.switchboard.sip.transport.SipMessages;
import org.switchboard.sip.flows.ConnectionFlows;
import org.switchboard.sip.websocket.WebSocketFlows;

/** Handles REGISTER (RFC 3261 section 10.3): authenticate, check the address-of-record, apply the contacts. */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    /** The Date header's zone (RFC 3261 section 20.17); looked up once, not per 200 (the lookup is synchronized). */
    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");

    private final SipSettings settings;
    private final SipMessages sip;
    private final Nonces nonces;
    private final DigestAuthenticator authenticator;
    private final LocationStore location;
    private final Clock clock;
    private final SipPush push;
    private final WokenPhones woken;
    private final SipMetrics metrics;

    public Registrar(SipSettings settings, SipMessages sip, Nonces nonces, DigestAuthenticator authenticator,
                     LocationStore location, Clock clock, SipPush push, WokenPhones woken, SipMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.push = push;
        this.woken = woken;
        this.sip = sip;
        this.nonces = nonces;
        this.authenticator = authenticator;
        this.location = location;
        this.clock = clock;
    }

    /**
     * The first REGISTER of a registration, over UDP and without credentials for this realm, is challenged without a
     * server transaction (RFC 3261 section 8.2.7 allows it for a 401): a stateful 401 over UDP keeps its transaction
     * and a timer for 5 s (Timer J, ADR 0058) to absorb retransmissions, which at thousands of registrations a second
     * is a table of ten thousand more transactions. A retransmission is challenged again, with a new nonce, as a new
     * request would be. Returns whether the request was answered so.
     */
    public boolean challengedWithoutTransaction(Request request) {
        if (!SipMessages.overUdp(request)
                || addressOfRecord(request) == null || credentials(request).isPresent()) {
            return false;
        }
        sip.replyWithoutTransaction(request, Response.UNAUTHORIZED, challengeHeaders(false));
        return true;
    }

    public void register(Request request, ServerTransaction transaction) {
        String aor = addressOfRecord(request);
        if (aor == null) {
            sip.reply(transaction, request, Response.NOT_FOUND, "Not a user of " + settings.domain());
            return;
        }
        Optional<DigestCredentials> credentials = credentials(request);
        if (credentials.isEmpty()) {
            challenge(transaction, request, false);
            return;
        }
        DigestCredentials given = credentials.get();
        switch (nonces.check(given.nonce(), given.nonceCount())) {
            case STALE -> challenge(transaction, request, true);
            case FORGED, REPLAYED -> challenge(transaction, request, false);
            case FRESH -> authenticate(transaction, request, given, aor);
        }
    }

    private void authenticate(ServerTransaction transaction, Request request, DigestCredentials credentials, String aor) {
        SIPRequest nist = (SIPRequest) request;
        String source = nist.getPeerPacketSourceAddress().getHostAddress();
        authenticator.authenticate(credentials, request.getMethod(), source).subscribe(outcome -> {
            if (outcome.busy()) {
                metrics.registration(Response.SERVICE_UNAVAILABLE);
                sip.busy(transaction, request);
            } else if (outcome.lockout() != null) {
                sip.reply(transaction, request, Response.FORBIDDEN, outcome.lockout().describe());
            } else if (outcome.account() == null) {
                challenge(transaction, request, false);
            } else {
                bind(transaction, request, outcome.account(), aor, source, nist.getPeerPacketSourcePort());
            }
        }, error -> {
            log.warn("REGISTER of {} failed: {}", aor, error.toString());
            sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    private void bind(ServerTransaction transaction, Request request, Account account, String aor, String source, int port) {
        if (account.kind() == AccountKind.HOST) {
            sip.reply(transaction, request, Response.FORBIDDEN, "Host accounts do not register for calls");
            return;
        }
        if (account.isLocked()) {
            sip.reply(transaction, request, Response.FORBIDDEN, "Account locked");
            return;
        }
        if (!account.localpart().equals(aor)) {
            // RFC 3261 10.3 step 6: the authenticated user may only register its own address-of-record
            sip.reply(transaction, request, Response.FORBIDDEN, "Not authorized to register " + aor);
            return;
        }
        Instant now = clock.instant();
        String transport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase();
        ContactRequest contacts;
        try {
            contacts = ContactRequest.parse(request, settings, push, source, port, transport, now);
        } catch (RegistrationRefused refused) {
            refuse(transaction, request, refused);
            return;
        }
        if (!claimFlows(contacts, account.localpart(), source, port, transport)) {
            sip.reply(transaction, request, Response.FORBIDDEN, "Contact host in use by another account");
            return;
        }
        location.apply(account.id(), contacts.changes(), contacts.removeAll(), settings.maxContacts(), now)
                .subscribe(bindings -> {
                            confirm(transaction, request, bindings, contacts, now);
                            // after the 200: a call waiting for a phone this REGISTER came from is forked to it now
                            // (RFC 8599 section 5.4); only its own contacts, not the account's others still on file
                            woken.registered(account.localpart(), contacts.changes().stream()
                                    .filter(change -> !change.remove()).map(BindingChange::binding).toList());
                        },
                        error -> {
                            if (error instanceof RegistrationRefused refused) {
                                refuse(transaction, request, refused);
                            } else {
                                log.warn("storing the registration of {} failed: {}", aor, error.toString());
                                sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
                            }
                        });
    }

    /**
     * The connections requests to these Contacts go back over. A phone registering over WebSocket gives a
     * made-up {@code .invalid} Contact host (RFC 7118 section 5); one registering over TCP or TLS is reached
     * over this REGISTER's connection while it is open (ADR 0045). False when another account holds one of
     * these Contacts (it would receive that account's calls, or they its).
     */
    private boolean claimFlows(ContactRequest contacts, String account, String source, int port, String transport) {
        boolean webSocket = transport.equals("ws") || transport.equals("wss");
        for (BindingChange change : contacts.changes()) {
            try {
                if (!(contactUri(change.binding(), contacts.uris()) instanceof SipURI uri)) {
                    continue;
                }
                if (change.remove()) {
                    sip.connections().release(uri, account);
                } else if (webSocket && WebSocketFlows.isMadeUp(uri.getHost())) {
                    if (!sip.flows().claim(uri.getHost(), account, source, port, transport)) {
                        return false;
                    }
                } else if (ConnectionFlows.reusable(transport)) {
                    if (!sip.connections().claim(uri, account, source, port, transport)) {
                        return false;
                    }
                } else if (sip.connections().mayRegister(uri, account)) {
                    sip.connections().release(uri, account);
                } else {
                    return false;
                }
            } catch (ParseException unparsable) {
                return false;
            }
        }
        return true;
    }

    private void refuse(ServerTransaction transaction, Request request, RegistrationRefused refused) {
        metrics.registration(refused.status());
        sip.reply(transaction, request, refused.status(), response -> {
            try {
                response.setReasonPhrase(refused.getMessage());
                if (refused.status() == Response.INTERVAL_TOO_BRIEF) {
                    response.addHeader(sip.headers().createMinExpiresHeader((int) settings.minExpires().toSeconds()));
                }
                if (refused.status() == ContactRequest.PUSH_NOT_SUPPORTED) {
                    // RFC 8599 section 5.2: name each service this server does support
                    for (PushPlatform provider : push.platforms().stream().sorted().toList()) {
                        response.addHeader(FeatureCaps.header(sip.headers(), provider, null));
                    }
                }
            } catch (ParseException | InvalidArgumentException ignored) {
                // the standard phrase stays
            }
        });
    }

    /** The 200 lists every current binding with the seconds it has left (RFC 3261 10.3 step 8). */
    private void confirm(ServerTransaction transaction, Request request, List<Binding> bindings, ContactRequest contacts, Instant now) {
        metrics.registration(Response.OK);
        sip.reply(transaction, request, Response.OK, response -> {
            try {
                for (Binding binding : bindings) {
                    ContactHeader contact = sip.headers().createContactHeader(
                            sip.addresses().createAddress(contactUri(binding, contacts.uris())));
                    contact.setExpires((int) binding.secondsLeft(now));
                    response.addHeader(contact);
                }
                response.addHeader(sip.headers().createDateHeader(Calendar.getInstance(GMT)));
                for (Map.Entry<PushPlatform, Duration> cap : contacts.caps().entrySet()) {
                    response.addHeader(FeatureCaps.header(sip.headers(), cap.getKey(), cap.getValue()));   // RFC 8599 section 5.2
                }
            } catch (ParseException | InvalidArgumentException e) {
                throw new IllegalStateException("a stored contact no longer parses: " + e.getMessage(), e);
            }
        });
    }

    /**
     * A binding's Contact URI: the one this REGISTER's parser made when it named the contact (shared with the request,
     * which nothing changes once it is answered), otherwise the stored text parsed (the account's other phones).
     */
    private URI contactUri(Binding binding, Map<String, URI> fromRequest) throws ParseException {
        URI parsed = fromRequest.get(binding.contactUri());
        return parsed != null ? parsed : sip.addresses().createURI(binding.contactUri());
    }

    private void challenge(ServerTransaction transaction, Request request, boolean stale) {
        sip.reply(transaction, request, Response.UNAUTHORIZED, challengeHeaders(stale));
    }

    /** A fresh nonce's WWW-Authenticate headers, one per digest algorithm offered. */
    private Consumer<Response> challengeHeaders(boolean stale) {
        String nonce = nonces.issue();
        return response -> DigestChallenge.headers(sip.headers(), settings.domain(), nonce, stale, settings.digests())
                .forEach(response::addHeader);
    }

    private Optional<DigestCredentials> credentials(Request request) {
        return DigestCredentials.from((AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME))
                .filter(given -> given.realm().equalsIgnoreCase(settings.domain()));
    }

    /** The To user when the To URI names this domain, normalized; null otherwise. */
    private String addressOfRecord(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null) {
            return null;
        }
        if (!uri.getHost().equalsIgnoreCase(settings.domain()) && !uri.getHost().equalsIgnoreCase(settings.host())) {
            return null;
        }
        return Localpart.normalizeOrNull(uri.getUser());
    }
}
