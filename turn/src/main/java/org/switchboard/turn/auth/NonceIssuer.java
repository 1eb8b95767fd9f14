package org.switchboard.turn.auth;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that need no table: {@code <expiry hex>-<MAC of expiry and client IP>}. A nonce is valid while its
 * expiry is in the future and its MAC matches; any other nonce is stale (438) and the client retries with
 * the fresh one it is sent.
 */
public final class NonceIssuer {

    private final Clock clock;
    private final Duration lifetime;
    private final SecretKeySpec key;

    public NonceIssuer(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String issue(InetAddress client) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return Long.toHexString(expiry) + "-" + mac(expiry, client);
    }

    public boolean isValid(String nonce, InetAddress client) {
        int dash = nonce == null ? -1 : nonce.indexOf('-');
        if (dash < 1 || dash > 16) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseUnsignedLong(nonce.substring(0, dash), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean authentic = MessageDigest.isEqual(
                mac(expiry, client).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dash + 1).getBytes(StandardCharsets.US_ASCII));
        return authentic && clock.instant().getEpochSecond() < expiry;
    }

    private String mac(long expiry, InetAddress client) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(ByteBuffer.allocate(8).putLong(expiry).array());
            mac.update(client.getAddress());
            byte[] digest = mac.doFinal();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
