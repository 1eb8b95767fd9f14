package org.switchboard.sip.digest;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import org.switchboard.common.password.SipDigest;

/**
 * The challenges of a 401, one per algorithm in order of preference, all over one fresh nonce (RFC 8760
 * section 2.4: the client uses the first algorithm it supports, so with SHA-256 first phones that know it
 * never fall back to MD5).
 */
public final class DigestChallenge {

    private DigestChallenge() {
    }

    public static List<WWWAuthenticateHeader> headers(HeaderFactory headers, String realm, String nonce, boolean stale,
                                                      List<SipDigest> preference) {
        try {
            List<WWWAuthenticateHeader> challenges = new ArrayList<>();
            for (SipDigest digest : preference) {
                challenges.add(header(headers, realm, nonce, stale, digest));
            }
            return challenges;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a digest challenge for realm " + realm, e);
        }
    }

    /** The same challenges as {@code Proxy-Authenticate}, for a 407 (RFC 3261 section 22.3). */
    public static List<ProxyAuthenticateHeader> proxyHeaders(HeaderFactory headers, String realm, String nonce, boolean stale,
                                                             List<SipDigest> preference) {
        try {
            List<ProxyAuthenticateHeader> challenges = new ArrayList<>();
            for (SipDigest digest : preference) {
                ProxyAuthenticateHeader header = headers.createProxyAuthenticateHeader("Digest");
                fill(header, realm, nonce, stale, digest);
                challenges.add(header);
            }
            return challenges;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a proxy digest challenge for realm " + realm, e);
        }
    }

    private static WWWAuthenticateHeader header(HeaderFactory headers, String realm, String nonce, boolean stale,
                                                SipDigest digest) throws ParseException {
        WWWAuthenticateHeader header = headers.createWWWAuthenticateHeader("Digest");
        fill(header, realm, nonce, stale, digest);
        return header;
    }

    private static void fill(WWWAuthenticateHeader header, String realm, String nonce, boolean stale, SipDigest digest)
            throws ParseException {
        header.setRealm(realm);
        header.setNonce(nonce);
        header.setAlgorithm(digest.algorithm());
        header.setQop("auth");
        if (stale) {
            header.setStale(true);
        }
    }
}
