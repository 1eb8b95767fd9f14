package org.switchboard.sip.proxy;

import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.transport.SipMessages;
import org.switchboard.sip.trunk.TrunkDigest;
import org.switchboard.sip.trunk.TrunkLogin;

/**
 * A call the trunk challenged (401/407, RFC 3261 section 22.2): resent once with the trunk credentials and a CSeq one
 * higher, on a new branch that replaces the challenged one; the dialog's Record-Route carries the offset so the
 * caller's later requests are counted on at the trunk (ADR 0046). The caller never sees the trunk's challenge: its
 * phone has no password for the trunk.
 */
final class TrunkChallenges {

    private static final Logger log = LoggerFactory.getLogger(TrunkChallenges.class);

    private final SipMessages sip;
    private final Branches branches;
    private final TrunkLogin login;

    /** {@code login} null: no credentials configured, every challenge ends the call. */
    TrunkChallenges(SipMessages sip, Branches branches, TrunkLogin login) {
        this.sip = sip;
        this.branches = branches;
        this.login = login;
    }

    static boolean isChallenge(int status) {
        return status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
    }

    /** The branch that replaces {@code client}, still to be sent; empty when the challenge is not answered. */
    List<ClientTransaction> resend(ForkContext context, ClientTransaction client, Response challenge) {
        if (login == null) {
            log.warn("the trunk challenged a call ({}) and SWITCHBOARD_SIP_TRUNK_USERNAME/_PASSWORD are not set", challenge.getStatusCode());
            return List.of();
        }
        synchronized (context) {
            ForkContext.Branch branch = context.branches.get(client);
            if (branch == null || branch.done || context.answered || context.cancelled) {
                return List.of();
            }
            if (context.credentialsSent > 0) {
                log.warn("the trunk refused the credentials of {} ({} again)", login.username(), challenge.getStatusCode());
                return List.of();
            }
            URI target = client.getRequest().getRequestURI();
            AuthorizationHeader credentials = TrunkDigest.answer(challenge, client.getRequest(), login, sip.headers());
            if (credentials == null) {
                log.warn("the trunk's challenge has no digest this server can answer (MD5 or SHA-256, qop auth)");
                return List.of();
            }
            context.credentialsSent++;
            List<ClientTransaction> started = branches.start(context, List.of(target), context.credentialsSent, credentials);
            if (!started.isEmpty()) {
                branch.done = true;   // replaced: its challenge is no final answer of the call
            }
            return started;
        }
    }
}
