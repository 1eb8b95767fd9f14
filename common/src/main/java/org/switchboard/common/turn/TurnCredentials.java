package org.switchboard.common.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the form coturn calls the "TURN REST API" (draft-uberti-behave-turn-rest):
 * the username is {@code <expiry unix seconds>:<user>} and the password is
 * {@code base64(HMAC-SHA1(secret, username))}. The REST API mints them, the TURN server recomputes the
 * password from the username alone, so the two only share the secret and no state.
 */
public final class TurnCredentials {

    private static final String HMAC = "HmacSHA1";

    private final SecretKeySpec key;

    public TurnCredentials(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** What the REST endpoint hands to a client. {@code ttl} is in seconds, as coturn's clients expect. */
    public record TurnCredential(String username, String password, long ttl) {
    }

    /** A credential for {@code user} that expires {@code ttl} after {@code now}. */
    public TurnCredential mint(String user, Duration ttl, Instant now) {
        Objects.requireNonNull(now, "now");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a TURN credential needs a user");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a TURN credential needs a positive ttl");
        }
        String username = now.plus(ttl).getEpochSecond() + ":" + user;
        return new TurnCredential(username, passwordFor(username), ttl.toSeconds());
    }

    /** The password belonging to {@code username}; the TURN server derives its long-term key from it. */
    public String passwordFor(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }

    /** True when the username is well formed, not expired at {@code now}, and the password matches. */
    public boolean verify(String username, String password, Instant now) {
        if (username == null || password == null || usable(username, now).isEmpty()) {
            return false;
        }
        byte[] expected = passwordFor(username).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
    }

    /** The parsed username when it is well formed and still valid at {@code now}. */
    public static Optional<RestUsername> usable(String username, Instant now) {
        return RestUsername.parse(username).filter(parsed -> !parsed.expiredAt(now));
    }
}
