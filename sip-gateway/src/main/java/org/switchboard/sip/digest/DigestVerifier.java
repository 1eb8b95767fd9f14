package org.switchboard.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The digest response a client with the right password computes (RFC 2617 section 3.2.2.1, RFC 7616 section 3.4.1). */
public final class DigestVerifier {

    private DigestVerifier() {
    }

    /** {@code ha1} is the stored H(username:realm:password) in lower-case hex. */
    public static String expectedResponse(DigestCredentials credentials, String ha1, String method) {
        String ha2 = credentials.algorithm().hex(method + ":" + credentials.uri());
        String data = credentials.qop() == null
                ? credentials.nonce() + ":" + ha2
                : credentials.nonce() + ":" + nc(credentials.nonceCount()) + ":" + credentials.cnonce()
                        + ":" + credentials.qop() + ":" + ha2;
        return credentials.algorithm().hex(ha1.trim().toLowerCase() + ":" + data);
    }

    /** Compared in constant time, so response timing tells nothing about how close a guess was. */
    public static boolean matches(DigestCredentials credentials, String ha1, String method) {
        byte[] expected = expectedResponse(credentials, ha1, method).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, credentials.response().getBytes(StandardCharsets.US_ASCII));
    }

    /** The nonce-count as the client sent it: eight lower-case hex digits (String.format parses its pattern on every call). */
    static String nc(long nonceCount) {
        String hex = Long.toHexString(nonceCount);
        return hex.length() >= 8 ? hex : "00000000".substring(hex.length()) + hex;
    }
}
