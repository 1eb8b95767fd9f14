package org.switchboard.turn.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.common.turn.RestUsername;

/**
 * Users whose REST credentials minted before an account change (lock, deletion, new password) are refused.
 * A REST credential carries only its expiry; it was minted at {@code expiry - ttl}, where {@code ttl} is the
 * {@code credentialTtl} of the {@code TurnSettings} the minting API shares with this server. A credential
 * minted in the same second as the change, but after it, is refused too (the expiry has whole seconds):
 * refusing one second too much is safer than accepting one credential too many.
 *
 * <p>The memory is in-process and small: one entry per user (the latest change wins), dropped once
 * {@code ttl} has passed since the change, because by then every credential minted before it has expired
 * and is refused anyway. It is at most the number of accounts changed within one ttl. After a restart it
 * is empty: credentials minted before a change made before the restart work again until they expire.
 */
public final class Revocations {

    private final Duration ttl;
    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();

    public Revocations(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the credential ttl must be positive");
        }
        this.ttl = ttl;
    }

    /** Credentials of {@code user} minted before {@code at} are refused from now on. */
    public void revoke(String user, Instant at, Instant now) {
        revokedAt.merge(user, at, (old, latest) -> latest.isAfter(old) ? latest : old);
        prune(now);
    }

    /** True when {@code username} was minted before the last change of its user. */
    public boolean refuses(RestUsername username) {
        Instant at = revokedAt.get(username.user());
        return at != null && username.expiry().minus(ttl).isBefore(at);
    }

    /** {@link #refuses(RestUsername)} for a raw username; one that is not a REST username is not refused here. */
    public boolean refuses(String username) {
        return RestUsername.parse(username).map(this::refuses).orElse(false);
    }

    /** Forgets changes older than one ttl: every credential minted before them has expired by {@code now}. */
    public void prune(Instant now) {
        revokedAt.values().removeIf(at -> !now.isBefore(at.plus(ttl)));
    }

    /** Users remembered, for tests of the bound. */
    public int size() {
        return revokedAt.size();
    }
}
