package org.switchboard.sip.trunk;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.switchboard.common.password.SipDigest;

/**
 * Answers a trunk's digest challenge as a client (RFC 3261 section 22.2, RFC 2617 section 3.2.2, RFC 7616 for
 * SHA-256): a 401's {@code WWW-Authenticate} with {@code Authorization}, a 407's {@code Proxy-Authenticate} with
 * {@code Proxy-Authorization}. Of several challenges SHA-256 is taken before MD5; {@code -sess} algorithms and
 * {@code qop=auth-int} alone are not answered. Every field read from the challenge is bounded, as it comes from
 * the network.
 */
public final class TrunkDigest {

    private static final int MAX_FIELD = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrunkDigest() {
    }

    /** One challenge this client can answer. */
    record Challenge(SipDigest algorithm, String realm, String nonce, String opaque, boolean qopAuth) {
    }

    /**
     * The credentials header for a new {@code request} (its method and Request-URI) that answers {@code challenge},
     * or null when the response holds no challenge this client can answer (then the request is not resent).
     */
    public static AuthorizationHeader answer(Response challenge, Request request, TrunkLogin login, HeaderFactory headers) {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Challenge chosen = choose(challenge, proxy);
        if (chosen == null) {
            return null;
        }
        String uri = request.getRequestURI().toString();
        String ha1 = chosen.algorithm().ha1(login.username(), chosen.realm(), login.password());
        String ha2 = chosen.algorithm().hex(request.getMethod() + ":" + uri);
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String data = chosen.qopAuth() ? chosen.nonce() + ":00000001:" + cnonce + ":auth:" + ha2 : chosen.nonce() + ":" + ha2;
        String response = chosen.algorithm().hex(ha1 + ":" + data);
        try {
            AuthorizationHeader header = proxy ? headers.createProxyAuthorizationHeader("Digest") : headers.createAuthorizationHeader("Digest");
            header.setUsername(login.username());
            header.setRealm(chosen.realm());
            header.setNonce(chosen.nonce());
            header.setURI(request.getRequestURI());
            header.setResponse(response);
            header.setAlgorithm(chosen.algorithm().algorithm());
            if (chosen.opaque() != null) {
                header.setOpaque(chosen.opaque());
            }
            if (chosen.qopAuth()) {
                header.setQop("auth");
                header.setCNonce(cnonce);
                header.setNonceCount(1);
            }
            return header;
        } catch (ParseException e) {
            return null;   // a realm or nonce the header cannot carry: not answerable
        }
    }

    /** The best challenge in {@code response}: SHA-256 before MD5, others skipped. */
    static Challenge choose(Response response, boolean proxy) {
        ListIterator<?> all = response.getHeaders(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        Challenge best = null;
        while (all != null && all.hasNext()) {
            if (!(all.next() instanceof WWWAuthenticateHeader header) || !"Digest".equalsIgnoreCase(header.getScheme())) {
                continue;
            }
            Challenge challenge = read(header);
            if (challenge != null && (best == null || challenge.algorithm() == SipDigest.SHA_256 && best.algorithm() != SipDigest.SHA_256)) {
                best = challenge;
            }
        }
        return best;
    }

    private static Challenge read(WWWAuthenticateHeader header) {
        String name = header.getAlgorithm() == null ? "MD5" : header.getAlgorithm().toUpperCase(Locale.ROOT);
        SipDigest algorithm = switch (name) {
            case "MD5" -> SipDigest.MD5;
            case "SHA-256" -> SipDigest.SHA_256;
            default -> null;
        };
        String qop = header.getQop();
        boolean auth = qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        if (algorithm == null || !bounded(header.getRealm()) || !bounded(header.getNonce())
                || (qop != null && !auth) || (header.getOpaque() != null && header.getOpaque().length() > MAX_FIELD)) {
            return null;
        }
        return new Challenge(algorithm, header.getRealm(), header.getNonce(), header.getOpaque(), auth);
    }

    private static boolean bounded(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_FIELD;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
