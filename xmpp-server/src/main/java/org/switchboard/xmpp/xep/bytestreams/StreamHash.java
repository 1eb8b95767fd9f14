package org.switchboard.xmpp.xep.bytestreams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.switchboard.xmpp.stanza.Jid;

/**
 * What names one bytestream at the proxy (XEP-0065 section 5.3.2): SHA-1 of the stream id, the initiator's JID and
 * the target's JID, hex-encoded, sent by both parties as the SOCKS5 {@code CONNECT} domain name and recomputed by
 * the proxy from the activation IQ. Kept in lower case; a client's upper-case hex names the same stream.
 */
record StreamHash(String hex) {

    static final int LENGTH = 40;

    StreamHash {
        if (!isHex(hex)) {
            throw new IllegalArgumentException("a stream hash is 40 hexadecimal characters");
        }
    }

    /** The hash the activation IQ names: the JIDs as the server normalized them (stringprep, section 5.3.2). */
    static StreamHash of(String sid, Jid initiator, Jid target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8));
            return new StreamHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The SOCKS5 domain name as a hash, or null when it is not one (any other name is refused). */
    static StreamHash fromAddress(byte[] ascii) {
        if (ascii.length != LENGTH) {
            return null;
        }
        String text = new String(ascii, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return isHex(text) ? new StreamHash(text) : null;
    }

    private static boolean isHex(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
