package org.switchboard.sip.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.Localpart;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.digest.DigestAuthenticator;
import org.switchboard.sip.digest.DigestChallenge;
import org.switchboard.sip.digest.DigestCredentials;
import org.switchboard.sip.digest.Nonces;
import org.switchboard.sip.transport.SipMessages;

/**
 * Who may start something through the proxy (RFC 3261 section 22.3): a request that begins a dialog or stands
 * alone (INVITE, MESSAGE, OPTIONS to a person, …) must prove with {@code Proxy-Authorization} that it comes
 * from the account its {@code From} names, an account of this server. Without it anyone could ring a person
 * while claiming to be anyone. There is no trunk or other domain yet, so nobody else may call in. Requests
 * inside a dialog this server sealed need nothing more (their Record-Route seal is the proof). The same
 * digest, nonces and lockout as REGISTER; a host account (an SMS phone) places no calls. Public for the MESSAGEs
 * the message package answers itself (RFC 3428).
 */
public final class CallerAuthentication {

    private static final Logger log = LoggerFactory.getLogger(CallerAuthentication.class);

    private final SipSettings settings;
    private final SipMessages sip;
    private final Nonces nonces;
    private final DigestAuthenticator authenticator;

    public CallerAuthentication(SipSettings settings, SipMessages sip, Nonces nonces, DigestAuthenticator authenticator) {
        this.settings = settings;
        this.sip = sip;
        this.nonces = nonces;
        this.authenticator = authenticator;
    }

    /**
     * The first try of a call over UDP carries no credentials for this realm: it is challenged without a server
     * transaction, as the registrar does the first REGISTER (ADR 0040 amendment). A stateful 407 over UDP keeps its
     * INVITE transaction until the ACK and then Timer I; a stateless one keeps nothing, and its ACK (same branch,
     * no Route this server sealed) is dropped by the proxy. A retransmitted INVITE gets a new 407 with a fresh
     * nonce, as a new request would. A caller this server does not know is still answered statefully (403).
     * Returns whether the request was answered so.
     */
    public boolean challengedWithoutTransaction(Request request) {
        if (!SipMessages.overUdp(request)
                || localCaller(request) == null || ourCredentials(request).isPresent()) {
            return false;
        }
        sip.replyWithoutTransaction(request, Response.PROXY_AUTHENTICATION_REQUIRED, challengeHeaders(false));
        return true;
    }

    /**
     * Runs {@code proven} with the caller's account once the request proves it; otherwise answers the request
     * itself (407 to ask for credentials, 403 for a caller that may not call).
     */
    public void check(ServerTransaction transaction, Request request, java.util.function.Consumer<Account> proven) {
        String caller = localCaller(request);
        if (caller == null) {
            sip.reply(transaction, request, Response.FORBIDDEN, "Only accounts of " + settings.domain() + " call through this server");
            return;
        }
        Optional<DigestCredentials> credentials = ourCredentials(request);
        if (credentials.isEmpty()) {
            challenge(transaction, request, false);
            return;
        }
        DigestCredentials given = credentials.get();
        switch (nonces.check(given.nonce(), given.nonceCount())) {
            case STALE -> challenge(transaction, request, true);
            case FORGED, REPLAYED -> challenge(transaction, request, false);
            case FRESH -> verify(transaction, request, given, caller, proven);
        }
    }

    private void verify(ServerTransaction transaction, Request request, DigestCredentials given, String caller,
                        java.util.function.Consumer<Account> proven) {
        String source = ((SIPRequest) request).getPeerPacketSourceAddress().getHostAddress();
        authenticator.authenticate(given, request.getMethod(), source).subscribe(outcome -> {
            Account account = outcome.account();
            if (outcome.busy()) {
                sip.busy(transaction, request);
            } else if (outcome.lockout() != null) {
                sip.reply(transaction, request, Response.FORBIDDEN, outcome.lockout().describe());
            } else if (account == null) {
                challenge(transaction, request, false);
            } else if (account.isLocked() || account.kind() == AccountKind.HOST) {
                sip.reply(transaction, request, Response.FORBIDDEN, account.isLocked() ? "Account locked" : "Host accounts place no calls");
            } else if (!account.localpart().equals(caller)) {
                sip.reply(transaction, request, Response.FORBIDDEN, "Not authorized to call as " + caller);
            } else {
                proven.accept(account);
            }
        }, error -> {
            log.warn("authenticating a {} from {} failed: {}", request.getMethod(), caller, error.toString());
            sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
        });
    }

    /** The From user when From names this domain, normalized; null for anyone else. */
    private String localCaller(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (from == null || !(from.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null) {
            return null;
        }
        if (!uri.getHost().equalsIgnoreCase(settings.domain()) && !uri.getHost().equalsIgnoreCase(settings.host())) {
            return null;
        }
        return Localpart.normalizeOrNull(uri.getUser());
    }

    private Optional<DigestCredentials> ourCredentials(Request request) {
        ListIterator<?> headers = request.getHeaders(ProxyAuthorizationHeader.NAME);
        while (headers != null && headers.hasNext()) {
            Optional<DigestCredentials> given = DigestCredentials.from((ProxyAuthorizationHeader) headers.next())
                    .filter(credentials -> credentials.realm().equalsIgnoreCase(settings.domain()));
            if (given.isPresent()) {
                return given;
            }
        }
        return Optional.empty();
    }

    /** Our realm's credentials are for this proxy only: the callee never sees the caller's digest. */
    static void removeOwnCredentials(Request forward, String realm) {
        ListIterator<?> headers = forward.getHeaders(ProxyAuthorizationHeader.NAME);
        java.util.List<ProxyAuthorizationHeader> others = new java.util.ArrayList<>();
        while (headers != null && headers.hasNext()) {
            ProxyAuthorizationHeader header = (ProxyAuthorizationHeader) headers.next();
            if (!realm.equalsIgnoreCase(header.getRealm())) {
                others.add(header);
            }
        }
        forward.removeHeader(ProxyAuthorizationHeader.NAME);
        others.forEach(forward::addHeader);
    }

    private void challenge(ServerTransaction transaction, Request request, boolean stale) {
        sip.reply(transaction, request, Response.PROXY_AUTHENTICATION_REQUIRED, challengeHeaders(stale));
    }

    /** A fresh nonce's Proxy-Authenticate headers, one per digest algorithm offered. */
    private java.util.function.Consumer<Response> challengeHeaders(boolean stale) {
        String nonce = nonces.issue();
        return response -> DigestChallenge.proxyHeaders(sip.headers(), settings.domain(), nonce, stale, settings.digests())
                .forEach(response::addHeader);
    }
}
