package org.switchboard.host.mms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.switchboard.host.connection.HostTrust;

/**
 * A minimal HTTP/1.1 client over TLS for media: one request per connection, the server certificate checked as the
 * XMPP connection's is (the certificate pinned at pairing, else the platform's CAs and the name), a connect and
 * read timeout, and a byte limit on every answer. Hand-written rather than {@code HttpsURLConnection} because the
 * host must dial {@code xmpp_host} while naming the URL's host, and it follows no redirects.
 */
public final class MediaHttp {

    /** An answer: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final HostTrust trust;
    private final Duration timeout;

    public MediaHttp(HostTrust trust, Duration timeout) {
        this.trust = trust;
        this.timeout = timeout;
    }

    /** GET; a body over {@code maxBytes} (declared or read) is a {@link MediaException}. */
    public Response get(MediaSource.Target target, long maxBytes) throws IOException, MediaException {
        return exchange(target, "GET", Collections.emptyMap(), null, maxBytes);
    }

    /** PUT of {@code body} with these extra headers; the answer's body is read up to 64 KiB. */
    public Response put(MediaSource.Target target, Map<String, String> headers, byte[] body) throws IOException, MediaException {
        return exchange(target, "PUT", headers, body, 64 * 1024);
    }

    private Response exchange(MediaSource.Target target, String method, Map<String, String> headers, byte[] body, long maxBytes)
            throws IOException, MediaException {
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.dial(), target.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(plain, target.host(), target.port(), true)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (!trust.isPinned()) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the pin names the certificate; else the name must
                }
                if (target.host().chars().anyMatch(Character::isLetter)) {
                    parameters.setServerNames(Collections.singletonList(new SNIHostName(target.host())));
                }
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                OutputStream out = tls.getOutputStream();
                StringBuilder head = new StringBuilder(method).append(' ').append(target.path()).append(" HTTP/1.1\r\n")
                        .append("Host: ").append(target.host()).append(target.port() == 443 ? "" : ":" + target.port()).append("\r\n")
                        .append("Connection: close\r\n");
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                        throw new MediaException("header " + header.getKey() + " has a line break");
                    }
                    head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
                }
                if (body != null) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                return read(tls.getInputStream(), maxBytes);
            }
        }
    }

    private SSLContext context() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust.trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context", e);
        }
    }

    private static Response read(InputStream in, long maxBytes) throws IOException, MediaException {
        String status = line(in);
        String[] words = status.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/1.") || !words[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP answer: " + (status.length() > 40 ? status.substring(0, 40) : status));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headBytes = status.length();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("answer head over " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length");
            }
            if (declared > maxBytes) {
                throw new MediaException("the answer has " + declared + " bytes; at most " + maxBytes + " are taken");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long left = declared >= 0 ? declared : maxBytes + 1;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
            left -= n;
        }
        if (body.size() > maxBytes) {
            throw new MediaException("the answer has more than " + maxBytes + " bytes");
        }
        if (declared >= 0 && body.size() < declared) {
            throw new IOException("the answer ended after " + body.size() + " of " + declared + " bytes");
        }
        return new Response(Integer.parseInt(words[1]), headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed inside the answer's head");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > MAX_HEAD) {
                throw new IOException("answer line over " + MAX_HEAD + " bytes");
            }
            line.append((char) c);
        }
    }
}
