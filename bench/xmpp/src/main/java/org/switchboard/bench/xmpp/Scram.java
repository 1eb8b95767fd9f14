package org.switchboard.bench.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** Client side of SCRAM-SHA-1 (RFC 5802) without channel binding, as Smack's default SCRAM-SHA-1 does it. */
final class Scram {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    Scram(String user, String password) {
        this.user = user;
        this.password = password;
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** Base64 of the client-first message ({@code n,,n=user,r=nonce}). */
    String clientFirst() {
        clientFirstBare = "n=" + user + ",r=" + clientNonce;
        return b64("n,," + clientFirstBare);
    }

    /** Base64 of the client-final message for the server's base64 challenge. */
    String clientFinal(String challengeB64) throws GeneralSecurityException {
        String serverFirst = new String(Base64.getDecoder().decode(challengeB64.trim()), StandardCharsets.UTF_8);
        Map<String, String> attrs = new HashMap<>();
        for (String part : serverFirst.split(",")) {
            attrs.put(part.substring(0, 1), part.substring(2));
        }
        String nonce = attrs.get("r");
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new GeneralSecurityException("server nonce does not extend ours: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(attrs.get("s"));
        int iterations = Integer.parseInt(attrs.get("i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 160)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    /** Checks the server's {@code v=} so a server that skipped verification cannot look faster. */
    void verifySuccess(String successB64) throws GeneralSecurityException {
        if (successB64.isBlank()) {
            return; // some servers send v= in a final challenge instead; both tested servers put it in success
        }
        String text = new String(Base64.getDecoder().decode(successB64.trim()), StandardCharsets.UTF_8);
        if (!text.startsWith("v=") || !MessageDigest.isEqual(
                Base64.getDecoder().decode(text.substring(2)), expectedServerSignature)) {
            throw new GeneralSecurityException("bad server signature: " + text);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
