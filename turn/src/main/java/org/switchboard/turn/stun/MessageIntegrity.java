package org.switchboard.turn.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (§14.6). The HMAC covers the
 * message up to the attribute, with the header's length field rewritten as if the attribute were last.
 */
public final class MessageIntegrity {

    public static final int SHA1_LENGTH = 20;
    public static final int SHA256_LENGTH = 32;

    private MessageIntegrity() {
    }

    /** The long-term credential key, MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }

    /**
     * The HMAC over {@code message[0, attributeOffset)} with the length field set to end after an attribute of
     * {@code valueLength} bytes at {@code attributeOffset}.
     */
    public static byte[] compute(boolean sha256, byte[] key, byte[] message, int attributeOffset, int valueLength) {
        try {
            Mac mac = Mac.getInstance(sha256 ? "HmacSHA256" : "HmacSHA1");
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            int pretendLength = attributeOffset - StunMessage.HEADER_LENGTH + 4 + valueLength;
            mac.update(message, 0, 2);
            mac.update((byte) (pretendLength >> 8));
            mac.update((byte) pretendLength);
            mac.update(message, 4, attributeOffset - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1/SHA256 are part of every JRE", e);
        }
    }

    /** Whether the integrity attribute at {@code attributeOffset} of a received message is right for {@code key}. */
    public static boolean verify(boolean sha256, byte[] key, byte[] message, int attributeOffset) {
        int valueLength = ((message[attributeOffset + 2] & 0xFF) << 8) | (message[attributeOffset + 3] & 0xFF);
        byte[] expected = compute(sha256, key, message, attributeOffset, valueLength);
        // SHA256 may be truncated to 16..32 bytes (§14.6): compare the prefix the sender chose.
        byte[] received = Arrays.copyOfRange(message, attributeOffset + 4, attributeOffset + 4 + valueLength);
        return MessageDigest.isEqual(Arrays.copyOf(expected, valueLength), received);
    }
}
