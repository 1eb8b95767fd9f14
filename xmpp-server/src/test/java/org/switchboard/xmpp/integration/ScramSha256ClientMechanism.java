package org.switchboard.xmpp.integration;

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
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * The client side of SCRAM-SHA-256 (RFC 7677) for Smack, written from the RFC with JDK primitives only
 * (none of the server's code), because Smack 4.5.0-rc1 has no such mechanism.
 */
final class ScramSha256ClientMechanism extends SASLMechanism {

    private String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean verified;

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("callback handlers are not used in these tests");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        clientNonce = Base64.getEncoder().encodeToString(random);
        clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String message = new String(challenge, StandardCharsets.UTF_8);
        Map<String, String> fields = parse(message);
        if (expectedServerSignature != null) {
            verified = MessageDigest.isEqual(expectedServerSignature, Base64.getDecoder().decode(fields.get("v")));
            return null;
        }
        String nonce = fields.get("r");
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new SmackSaslException("server nonce does not extend the client's");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(fields.get("s"));
            int iterations = Integer.parseInt(fields.get("i"));
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            byte[] authMessage = (clientFirstBare + "," + message + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8)), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SmackSaslException(e);
        }
    }

    private static Map<String, String> parse(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(1) == '=') {
                fields.put(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Override
    public String getName() {
        return "SCRAM-SHA-256";
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!verified) {
            throw new SmackSaslException("the server did not prove it knows the password");
        }
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256ClientMechanism();
    }
}
