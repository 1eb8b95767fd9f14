package org.switchboard.common.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a secret for storage and opens it again. A sealed value is {@code v1:<key id>:<base64 of nonce,
 * ciphertext and tag>}; the key id (8 hex digits of a hash of the key) lets a wrong key be named as such
 * instead of looking like tampering. The caller's {@code context} (e.g. the row's table and id) is bound as
 * associated data, so a sealed value copied to another row does not open there.
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    public SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secrets key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = keyId(key);
    }

    public String keyId() {
        return keyId;
    }

    /**
     * A key for another use, derived from this one (HMAC-SHA256 of the use's name under the secrets key), so
     * that one key from the environment serves several purposes without any two sharing key material: e.g.
     * the XMPP dialback secret (ADR 0015), which every process of a deployment must agree on.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("switchboard derived key: " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always there", e);
        }
    }

    /** Whether {@code stored} has the form {@link #seal} gives (not whether it opens). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION + ":") && stored.split(":", -1).length == 3;
    }

    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalStateException naming the cause: not a sealed value, sealed under another key, or altered
     *                               (or moved from the row it was sealed for)
     */
    public String open(String sealed, String context) {
        if (!isSealed(sealed)) {
            throw new IllegalStateException("the stored secret is not a sealed value");
        }
        String[] parts = sealed.split(":", -1);
        if (!parts[1].equals(keyId)) {
            throw new IllegalStateException("the stored secret was sealed under key " + parts[1] + " but the key in use is " + keyId
                    + " (was SWITCHBOARD_SECRETS_KEY or the data directory's secrets.key changed?)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored secret is not valid base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("the stored secret is too short to be sealed");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(data, NONCE_BYTES), context);
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the stored secret does not open: altered, or sealed for another " + context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("switchboard secrets key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key " + keyId + "]";
    }
}
