package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.http.HttpSettings;

/**
 * The HTTPS listener's limits, over raw TLS sockets so nothing in between tidies the request: an overlong
 * request line gets 414, oversized headers 431, garbage 400, each closing the connection; an address holding
 * its share of connections gets no more; a silent connection is closed.
 */
class HttpListenerLimitsTest {

    private static final int PER_ADDRESS = 3;
    @StartedServer(settings = "perAddressLimits") private static RunningServer server;

    static XmppSettings perAddressLimits(XmppSettings settings) {
        return settings.with(c -> c.http = new HttpSettings(0, null, PER_ADDRESS, Duration.ofSeconds(2)));
    }

    @Test
    void anOverlongRequestLineIs414() throws Exception {
        String answer = exchange("GET /upload/" + "a".repeat(HttpSettings.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 414 ");
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        StringBuilder request = new StringBuilder("GET /upload/x HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 20; i++) {
            request.append("X-Filler-").append(i).append(": ").append("b".repeat(1000)).append("\r\n");
        }
        assertThat(exchange(request.append("\r\n").toString())).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void garbageIs400() throws Exception {
        assertThat(exchange("\u0001\u0002 not http at all\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET http://elsewhere.example/upload/x HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (SSLSocket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = readHead(socket.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 404 ");
                int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
                socket.getInputStream().readNBytes(length);
            }
        }
    }

    @Test
    void anAddressGetsOnlyItsShareOfConnections() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                SSLSocket socket = connect();
                socket.startHandshake();
                held.add(socket);
            }
            SSLSocket extra = connect();
            held.add(extra);
            assertThat(closedBeforeHandshake(extra)).isTrue();
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aSilentConnectionIsClosed() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.startHandshake();
            socket.setSoTimeout(60_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static boolean closedBeforeHandshake(SSLSocket socket) throws IOException {
        try {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | javax.net.ssl.SSLException e) {
            return true;
        }
    }

    private static SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) server.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.server.httpsPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends a request and reads everything until the server closes. */
    private static String exchange(String request) throws IOException {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the middle of a response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT).replace("http/1.1", "HTTP/1.1");
    }
}
