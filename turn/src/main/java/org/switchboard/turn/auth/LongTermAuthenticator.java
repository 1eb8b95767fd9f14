package org.switchboard.turn.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import org.switchboard.common.turn.RestUsername;
import org.switchboard.common.turn.TurnCredentials;
import org.switchboard.turn.stun.MessageIntegrity;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;

/** The server side of RFC 8489 §9.2.4, in the order the RFC gives its checks. */
public final class LongTermAuthenticator {

    private final TurnCredentials credentials;
    private final String realm;
    private final NonceIssuer nonces;
    private final Clock clock;
    private final Revocations revocations;

    /** @param revocations users whose credentials minted before an account change are refused */
    public LongTermAuthenticator(TurnCredentials credentials, String realm, NonceIssuer nonces, Clock clock,
                                 Revocations revocations) {
        this.credentials = credentials;
        this.realm = realm;
        this.nonces = nonces;
        this.clock = clock;
        this.revocations = revocations;
    }

    public String realm() {
        return realm;
    }

    public String freshNonce(InetAddress client) {
        return nonces.issue(client);
    }

    public AuthOutcome authenticate(StunMessage request, InetAddress client) {
        if (!request.hasIntegrity()) {
            return new AuthOutcome.Refused(StunError.UNAUTHENTICATED, true);
        }
        String username = request.username();
        if (username == null || request.realm() == null || request.nonce() == null) {
            return new AuthOutcome.Refused(StunError.BAD_REQUEST, false);
        }
        if (!nonces.isValid(request.nonce(), client)) {
            return new AuthOutcome.Refused(StunError.STALE_NONCE, true);
        }
        Optional<RestUsername> parsed = TurnCredentials.usable(username, clock.instant());
        // A revoked credential is refused like a wrong one: the client learns nothing more than "not valid".
        if (parsed.isEmpty() || !realm.equals(request.realm()) || revocations.refuses(parsed.get())) {
            return new AuthOutcome.Refused(StunError.UNAUTHENTICATED, true);
        }
        byte[] key = MessageIntegrity.longTermKey(username, realm, credentials.passwordFor(username));
        // RFC 8489 §9.2.4: with both present, MESSAGE-INTEGRITY-SHA256 is the one that counts.
        boolean sha256 = request.integritySha256Offset() >= 0;
        int offset = sha256 ? request.integritySha256Offset() : request.integrityOffset();
        if (!MessageIntegrity.verify(sha256, key, request.raw(), offset)) {
            return new AuthOutcome.Refused(StunError.UNAUTHENTICATED, true);
        }
        return new AuthOutcome.Accepted(username, parsed.get().user(), new Integrity(key, sha256));
    }
}
