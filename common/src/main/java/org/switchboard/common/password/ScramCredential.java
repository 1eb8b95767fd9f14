package org.switchboard.common.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the server keeps of a password for one SCRAM mechanism (RFC 5802 section 3): the salt, the
 * iteration count, StoredKey and ServerKey. The password itself cannot be recovered from it.
 */
public record ScramCredential(ScramMechanism mechanism, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** Below this, PBKDF2 is too cheap to slow down an offline attack on a stolen database (RFC 7677 section 4). */
    public static final int MIN_ITERATIONS = 4096;

    public ScramCredential {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count " + iterations + " is below " + MIN_ITERATIONS);
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the verifier of {@code password} (already prepared with {@link SaslPrep}) for a mechanism. */
    public static ScramCredential derive(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        byte[] saltedPassword = saltedPassword(mechanism, password, salt, iterations);
        byte[] clientKey = hmac(mechanism, saltedPassword, "Client Key");
        byte[] storedKey = hash(mechanism, clientKey);
        byte[] serverKey = hmac(mechanism, saltedPassword, "Server Key");
        return new ScramCredential(mechanism, salt, iterations, storedKey, serverKey);
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i), which is PBKDF2 with the mechanism's HMAC. */
    public static byte[] saltedPassword(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(SaslPrep.prepare(password).toCharArray(), salt, iterations, mechanism.keyLength() * 8);
            return SecretKeyFactory.getInstance(mechanism.pbkdf2Algorithm()).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mechanism.pbkdf2Algorithm() + " is not available in this JVM", e);
        }
    }

    /** True when {@code password} derives this credential's StoredKey; compared in constant time. */
    public boolean matches(String password) {
        ScramCredential candidate = derive(mechanism, password, salt, iterations);
        return MessageDigest.isEqual(candidate.storedKey, storedKey);
    }

    public static byte[] hmac(ScramMechanism mechanism, byte[] key, String message) {
        return hmac(mechanism, key, message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(ScramMechanism mechanism, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(mechanism.hmacAlgorithm());
            mac.init(new SecretKeySpec(key, mechanism.hmacAlgorithm()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mechanism.hmacAlgorithm() + " is not available in this JVM", e);
        }
    }

    public static byte[] hash(ScramMechanism mechanism, byte[] data) {
        try {
            return MessageDigest.getInstance(mechanism.digestAlgorithm()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mechanism.digestAlgorithm() + " is not available in this JVM", e);
        }
    }

    @Override
    public byte[] salt() { return salt.clone(); }

    @Override
    public byte[] storedKey() { return storedKey.clone(); }

    @Override
    public byte[] serverKey() { return serverKey.clone(); }

    @Override
    public String toString() {
        return "ScramCredential[" + mechanism.saslName() + ", iterations=" + iterations + "]";
    }
}
