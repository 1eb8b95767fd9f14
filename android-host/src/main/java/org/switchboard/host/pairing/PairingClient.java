package org.switchboard.host.pairing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Redeems a pairing code: {@code POST <api base>/api/v1/hosts/pair {"code": "123456"}} without login, and
 * returns the host's credentials, with the SHA-256 of the XMPP server's certificate that the host then pins
 * ({@link HostCredentials#trust()}). Give it the TLS socket factory to trust a self-signed API (null: the
 * platform's CAs).
 */
public final class PairingClient {

    /** The answer is small; anything bigger is not the pairing API. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    /** A QR code's link is far shorter; a longer text is not one. */
    private static final int MAX_LINK_CHARS = 2048;

    private final URI apiBase;
    private final SSLSocketFactory tls;
    private final HostnameVerifier names;
    private final Duration timeout;

    public PairingClient(URI apiBase, SSLSocketFactory tls, Duration timeout) {
        this(apiBase, tls, null, timeout);
    }

    private PairingClient(URI apiBase, SSLSocketFactory tls, HostnameVerifier names, Duration timeout) {
        String scheme = apiBase.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("the API base must be an http(s) URL");
        }
        this.apiBase = apiBase;
        this.tls = tls;
        this.names = names;
        this.timeout = timeout;
    }

    /**
     * A client for the link's server. With a pin in the link, an {@code https} API is trusted when the platform's
     * CAs vouch for its certificate or when it is the pinned one ({@link ApiTrust}); without, the platform's CAs.
     */
    public static PairingClient forLink(PairingLink link, Duration timeout) {
        if (link.tlsSha256() == null) {
            return new PairingClient(link.server(), null, null, timeout);
        }
        return new PairingClient(link.server(), ApiTrust.socketFactory(link.tlsSha256()), ApiTrust.hostnameVerifier(link.tlsSha256()),
                timeout);
    }

    /**
     * The server, code and certificate pin from a {@code switchboard://pair?server=<api base URL>&code=<code>&fp=<sha256>}
     * link (the QR code); {@code tlsSha256} is null when the link has no {@code fp}.
     */
    public record PairingLink(URI server, String code, String tlsSha256) {

        public PairingLink(URI server, String code) {
            this(server, code, null);
        }

        public static PairingLink parse(String link) {
            if (link == null || link.length() > MAX_LINK_CHARS) {
                throw new IllegalArgumentException("no pairing link, or one longer than " + MAX_LINK_CHARS + " characters");
            }
            URI uri;
            try {
                uri = new URI(link.trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a link: " + e.getMessage(), e);
            }
            if (!"switchboard".equals(uri.getScheme()) || !"pair".equals(uri.getHost() == null ? uri.getAuthority() : uri.getHost())) {
                throw new IllegalArgumentException("not a switchboard://pair link");
            }
            String server = null;
            String code = null;
            String fingerprint = null;
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = decode(pair.substring(eq + 1));
                String name = pair.substring(0, eq);
                if (("server".equals(name) && server != null) || ("code".equals(name) && code != null)
                        || ("fp".equals(name) && fingerprint != null)) {
                    throw new IllegalArgumentException("the pairing link names " + name + " twice");
                }
                switch (name) {
                    case "server" -> server = value;
                    case "code" -> code = value;
                    case "fp" -> fingerprint = HostCredentials.normalizedFingerprint(value);
                    default -> {
                        // a later version may add parameters
                    }
                }
            }
            if (server == null || code == null) {
                throw new IllegalArgumentException("the pairing link needs server and code");
            }
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("the pairing link's code is not six digits");
            }
            URI base;
            try {
                base = new URI(server);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("the pairing link's server is not a URL: " + e.getMessage(), e);
            }
            if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null) {
                throw new IllegalArgumentException("the pairing link's server is not an http(s) URL with a host");
            }
            return new PairingLink(base, code, fingerprint);
        }

        private static String decode(String value) {
            try {
                return URLDecoder.decode(value, "UTF-8"); // not the Charset overload: Android has it from API 33
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always there", e);
            }
        }
    }

    /**
     * Redeems the link's code. The pin in the link came from the owner's screen, not over the network, so it
     * wins: an answer naming another certificate is refused ({@link PairingException.Reason#CERTIFICATE_MISMATCH}),
     * and an answer naming none gets the link's.
     */
    public HostCredentials pair(PairingLink link) throws PairingException {
        HostCredentials credentials = pair(link.code());
        if (link.tlsSha256() == null) {
            return credentials;
        }
        if (credentials.tlsSha256() != null && !credentials.tlsSha256().equals(link.tlsSha256())) {
            throw new PairingException(PairingException.Reason.CERTIFICATE_MISMATCH, "the server's certificate named in the pairing "
                    + "answer (SHA-256 " + credentials.tlsSha256() + ") is not the one in the QR code (" + link.tlsSha256()
                    + "); something between this phone and the server may be listening", null, null);
        }
        return new HostCredentials(credentials.hostId(), credentials.jid(), credentials.password(), credentials.xmppHost(),
                credentials.xmppPort(), credentials.gateway(), link.tlsSha256());
    }

    public HostCredentials pair(String code) throws PairingException {
        if (code == null || !CODE.matcher(code.trim()).matches()) {
            throw new PairingException(PairingException.Reason.INVALID_CODE, "a pairing code is six digits", null, null);
        }
        HttpURLConnection http = null;
        try {
            URL url = URI.create(apiBase.toString().replaceAll("/+$", "") + "/api/v1/hosts/pair").toURL();
            http = (HttpURLConnection) url.openConnection();
            if (http instanceof HttpsURLConnection https && tls != null) {
                https.setSSLSocketFactory(tls);
            }
            if (http instanceof HttpsURLConnection https && names != null) {
                https.setHostnameVerifier(names);
            }
            http.setConnectTimeout((int) timeout.toMillis());
            http.setReadTimeout((int) timeout.toMillis());
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setInstanceFollowRedirects(false); // the code must not be re-posted somewhere else
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Accept", "application/json, application/problem+json");
            byte[] request = ("{\"code\":\"" + code.trim() + "\"}").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = http.getOutputStream()) {
                out.write(request);
            }
            int status = http.getResponseCode();
            String body = read(status >= 400 ? http.getErrorStream() : http.getInputStream());
            if (status == 200) {
                return credentials(body);
            }
            String detail = problemDetail(body);
            if (status == 404) {
                throw new PairingException(PairingException.Reason.INVALID_CODE,
                        detail != null ? detail : "this pairing code is wrong, expired or already used", null, null);
            }
            if (status == 429) {
                throw new PairingException(PairingException.Reason.RATE_LIMITED, detail != null ? detail : "too many attempts",
                        retryAfter(http.getHeaderField("Retry-After")), null);
            }
            throw new PairingException(PairingException.Reason.UNAVAILABLE, "the server answered " + status
                    + (detail != null ? ": " + detail : ""), null, null);
        } catch (IOException | IllegalArgumentException e) {
            throw new PairingException(PairingException.Reason.UNAVAILABLE, "pairing failed: " + e.getMessage(), null, e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    private static HostCredentials credentials(String body) {
        if (!(Json.parse(body) instanceof Map<?, ?> answer)) {
            throw new IllegalArgumentException("the pairing answer is not a JSON object");
        }
        Object port = answer.get("xmpp_port");
        if (!(port instanceof Double number) || number != Math.rint(number)) {
            throw new IllegalArgumentException("the pairing answer has no xmpp_port");
        }
        Object pin = answer.get("tls_sha256");
        if (pin != null && !(pin instanceof String)) {
            throw new IllegalArgumentException("the pairing answer's tls_sha256 is not a string");
        }
        return new HostCredentials(text(answer, "host_id"), text(answer, "jid"), text(answer, "password"),
                text(answer, "xmpp_host"), number.intValue(), text(answer, "gateway"), (String) pin);
    }

    private static String text(Map<?, ?> answer, String name) {
        if (!(answer.get(name) instanceof String value) || value.isEmpty()) {
            throw new IllegalArgumentException("the pairing answer has no " + name);
        }
        return value;
    }

    private static String problemDetail(String body) {
        try {
            if (Json.parse(body) instanceof Map<?, ?> problem) {
                Object detail = problem.get("detail");
                Object title = problem.get("title");
                return detail instanceof String d ? d : title instanceof String t ? t : null;
            }
        } catch (IllegalArgumentException e) {
            // not a problem document: the status says enough
        }
        return null;
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the caller waits its own way
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > MAX_ANSWER_BYTES) {
                    throw new IOException("the answer is over " + MAX_ANSWER_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
