package org.switchboard.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dialback keys as XEP-0185 recommends: {@code hex(HMAC-SHA256(hex(SHA256(secret)), receiving + ' ' + originating + ' '
 * + streamId))}. The secret is derived from the server's secrets key (ADR 0022), so every process of one deployment
 * answers for the keys of the others, and nothing about it is stored.
 */
public final class DialbackKeys {

    private final byte[] hmacKey;

    public DialbackKeys(byte[] secret) {
        try {
            String hashed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
            this.hmacKey = hashed.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The key the originating server sends on a stream whose id the receiving server chose. */
    public String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            byte[] digest = mac.doFinal((receiving + ' ' + originating + ' ' + streamId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every JVM", e);
        }
    }

    /** Whether {@code given} is the key this server made; compared in constant time. */
    public boolean verify(String receiving, String originating, String streamId, String given) {
        if (given == null || streamId == null) {
            return false;
        }
        byte[] expected = key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8));
    }
}
