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
 *
 * <p>A call this server resent to the trunk with credentials has a CSeq one higher at the trunk than at the
 * caller (RFC 3261 section 22.2 wants a new CSeq for the resent INVITE). Its Record-Route carries that offset
 * ({@code ;sbo=}) and a seal over the Call-ID, the offset and the caller's From tag: a request whose From tag makes
 * the seal hold comes from the caller and gets the offset added; one whose To tag does comes from the trunk and
 * keeps its own CSeq (ADR 0046). The offset cannot be forged, and needs no state: it survives a restart too.
 */
final class RouteSeal {

    static final String PARAMETER = "sb";
    static final String OFFSET = "sbo";

    private final byte[] key;
    /** Each thread's HMAC with the key set: every forwarded request and every in-dialog one seals or checks. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

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
        return mac(callId);
    }

    /** The seal of a dialog whose caller (From tag {@code callerTag}) is {@code offset} CSeqs behind the trunk. */
    String seal(String callId, int offset, String callerTag) {
        return mac(callId + "\u0000" + offset + "\u0000" + callerTag);
    }

    boolean verify(String callId, int offset, String tag, String seal) {
        return seal != null && tag != null && MessageDigest.isEqual(seal(callId, offset, tag).getBytes(StandardCharsets.US_ASCII),
                seal.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String text) {
        byte[] full = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));   // doFinal resets it for the next use
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 12));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    boolean verify(String callId, String seal) {
        return seal != null && MessageDigest.isEqual(seal(callId).getBytes(StandardCharsets.US_ASCII), seal.getBytes(StandardCharsets.US_ASCII));
    }
}
