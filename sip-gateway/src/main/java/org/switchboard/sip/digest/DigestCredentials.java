package org.switchboard.sip.digest;

import java.util.Optional;
import javax.sip.header.AuthorizationHeader;
import org.switchboard.common.password.SipDigest;

/**
 * The fields of an {@code Authorization: Digest …} header this server checks, validated: anything missing
 * or malformed makes it absent, and the client is simply challenged again.
 *
 * @param nonceCount the {@code nc} value, or 0 when the client used no {@code qop} (RFC 2069 style)
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                SipDigest algorithm, String qop, String cnonce, long nonceCount) {

    /** Longest username, nonce, cnonce or uri accepted: longer ones are not from an honest client. */
    static final int MAX_FIELD = 1024;

    public static Optional<DigestCredentials> from(AuthorizationHeader header) {
        if (header == null || !"Digest".equalsIgnoreCase(header.getScheme())) {
            return Optional.empty();
        }
        SipDigest algorithm = algorithm(header.getAlgorithm());
        String username = header.getUsername();
        String nonce = header.getNonce();
        String response = header.getResponse();
        String uri = header.getURI() == null ? null : header.getURI().toString();
        if (algorithm == null || !bounded(username) || !bounded(nonce) || !bounded(response) || !bounded(uri)
                || !bounded(header.getRealm())) {
            return Optional.empty();
        }
        String qop = header.getQop();
        long nonceCount = 0;
        String cnonce = header.getCNonce();
        if (qop != null) {
            if (!qop.equalsIgnoreCase("auth") || !bounded(cnonce) || header.getNonceCount() <= 0) {
                return Optional.empty();
            }
            nonceCount = header.getNonceCount();
        }
        return Optional.of(new DigestCredentials(username, header.getRealm(), nonce, uri, response.toLowerCase(),
                algorithm, qop, cnonce, nonceCount));
    }

    private static SipDigest algorithm(String name) {
        if (name == null || name.equalsIgnoreCase("MD5")) {
            return SipDigest.MD5;
        }
        return name.equalsIgnoreCase("SHA-256") ? SipDigest.SHA_256 : null;
    }

    private static boolean bounded(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_FIELD;
    }
}
