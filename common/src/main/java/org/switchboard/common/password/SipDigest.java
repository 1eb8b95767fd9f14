package org.switchboard.common.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SIP digest HA1 = H(username ":" realm ":" password) (RFC 2617 section 3.2.2.2, RFC 7616 section 3.4.2).
 * Stored for MD5 and SHA-256 so the registrar never needs the password.
 */
public enum SipDigest {
    MD5("MD5"),
    SHA_256("SHA-256");

    private final String algorithm;

    SipDigest(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The algorithm as named in a SIP/HTTP digest challenge. */
    public String algorithm() { return algorithm; }

    public String ha1(String username, String realm, String password) {
        return hex(username + ":" + realm + ":" + password);
    }

    /** Lower-case hex of this digest over the UTF-8 bytes of {@code text}. */
    public String hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
