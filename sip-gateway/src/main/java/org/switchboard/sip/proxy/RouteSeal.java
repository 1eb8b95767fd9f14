package org.switchboard.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals this server's Record-Route with an HMAC of the dialog's Call-ID ({@code ;sb=} parameter), so a request
 * that claims to be in a dialog through this server only gets forwarded to its Request-URI when this server
 * really Record-Routed that dialog. Without it, anyone could add {@code Route: <sip:this-server;lr>} and a To tag
 * and use the proxy as an open relay to any address. The key is derived from the server's private key, so it
 * is secret and the same after a restart: calls in progress can still be hung up.
 */
final class RouteSeal {

    static final String PARAMETER = "sb";

    private final byte[] key;

    RouteSeal(PrivateKey serverKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("switchboard sip record-route seal".getBytes(StandardCharsets.US_ASCII));
            key = digest.digest(serverKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    String seal(String callId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(callId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    boolean verify(String callId, String seal) {
        return seal != null && MessageDigest.isEqual(seal(callId).getBytes(StandardCharsets.US_ASCII), seal.getBytes(StandardCharsets.US_ASCII));
    }
}
