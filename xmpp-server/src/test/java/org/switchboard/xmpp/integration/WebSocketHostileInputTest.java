package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * What RFC 7395 and RFC 6455 forbid, each refused with the error they name: a handshake without the
 * {@code xmpp} subprotocol or without an upgrade, binary messages (close 1003), a frame larger than a stanza
 * may be (1009), an unmasked frame (1002), invalid UTF-8 (1007), and framing errors as stream errors — a stream not opened with {@code <open/>}, two elements or
 * half an element in one message, {@code </stream:stream>}, malformed XML, a stanza over the limit spread over
 * fragments.
 */
class WebSocketHostileInputTest {

    @StartedServer private static RunningServer running;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        http = UploadClients.http(running);
    }

    @Test
    void aHandshakeWithoutTheXmppSubprotocolIsRefusedWith400() {
        assertThatThrownBy(() -> RawWebSocket.connect(running, "chat"))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> {
                    HttpResponse<?> response = ((WebSocketHandshakeException) e).getResponse();
                    assertThat(response.statusCode()).isEqualTo(400);
                    assertThat(String.valueOf(response.body())).contains("subprotocol 'xmpp' is required");
                });
        assertThatThrownBy(() -> RawWebSocket.connect(running, new String[0]))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void aPlainGetIsTold426AndOtherMethods405() throws Exception {
        URI uri = URI.create("https://" + RunningServer.DOMAIN + ":" + running.server.httpsPort() + "/ws");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(plain.headers().firstValue("upgrade")).hasValue("websocket");
        assertThat(plain.body()).contains("XMPP over WebSocket endpoint");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(uri + "x")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void aBinaryMessageClosesWith1003() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            ws.socket.sendBinary(ByteBuffer.wrap(WebSocketTest.OPEN.getBytes()), true).join();
            assertThat(ws.until("CLOSE")).contains("text messages only");
            assertThat(ws.closeCode()).isEqualTo(1003);
        }
    }

    /**
     * Written by hand: the JDK client splits large messages into fragments, and only the header of a single
     * frame announcing more than a stanza's worth matters — the server refuses it before reading the payload.
     */
    @Test
    void aFrameLargerThanAStanzaClosesWith1009() throws Exception {
        long length = XmlLimits.DEFAULT.maxStanzaBytes() + 1L;
        // FIN + text, masked with a 64-bit length (RFC 6455 section 5.2), then the mask key; no payload needed
        ByteBuffer frame = ByteBuffer.allocate(14).put((byte) 0x81).put((byte) (0x80 | 127)).putLong(length).putInt(0x11223344);
        assertThat(closeCodeAfterRawFrame(frame.array())).isEqualTo(1009);
    }

    @Test
    void anUnmaskedFrameClosesWith1002() throws Exception {
        // RFC 6455 section 5.1: a client masks every frame
        byte[] open = WebSocketTest.OPEN.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + open.length).put((byte) 0x81).put((byte) 126).putShort((short) open.length).put(open);
        assertThat(closeCodeAfterRawFrame(frame.array())).isEqualTo(1002);
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        byte[] payload = {'<', 'a', (byte) 0xC3, (byte) 0x28, '/', '>'};
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length).put((byte) 0x81).put((byte) (0x80 | payload.length)).putInt(0);
        frame.put(payload); // a zero mask key leaves the payload as it is
        assertThat(closeCodeAfterRawFrame(frame.array())).isEqualTo(1007);
    }

    /** Upgrades a raw TLS connection by hand, writes {@code frame}, and returns the status of the close frame that follows. */
    private static int closeCodeAfterRawFrame(byte[] frame) throws Exception {
        try (SSLSocket tls = (SSLSocket) running.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.server.httpsPort())) {
            tls.setSoTimeout(30_000);
            OutputStream out = tls.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + RunningServer.DOMAIN + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = tls.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101 ").containsIgnoringCase("sec-websocket-protocol: xmpp")
                    .containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            out.write(frame);
            out.flush();
            byte[] close = in.readNBytes(4);
            assertThat(close[0] & 0xff).as("a close frame").isEqualTo(0x88);
            return ((close[2] & 0xff) << 8) | (close[3] & 0xff);
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void aStanzaOverTheLimitInFragmentsIsAPolicyViolation() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            ws.send(WebSocketTest.OPEN).until("stream:features");
            ws.sendPart("<message xmlns='jabber:client'><body>", false);
            String chunk = "y".repeat(64 * 1024);
            for (int i = 0; i < 5 && !ws.closed.isDone(); i++) {
                ws.socket.sendText(chunk, false);
            }
            assertThat(ws.until("stream:error")).contains("<policy-violation", "larger than");
            assertThat(ws.next()).isEqualTo("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        }
    }

    @Test
    void aStreamMustStartWithOpen() throws Exception {
        assertThat(streamErrorAfter(null, "<message xmlns='jabber:client'><body>hi</body></message>"))
                .contains("<bad-format", "must start with &lt;open");
        assertThat(streamErrorAfter(null, "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='switchboard.test' version='1.0'>")).contains("<bad-format");
    }

    @Test
    void oneCompleteElementPerMessage() throws Exception {
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>"))
                .contains("<bad-format", "more than one element");
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "<presence xmlns='jabber:client'>"))
                .contains("<bad-format", "ends inside an element");
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "   ")).contains("<bad-format", "carries one XML element");
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "</stream:stream>")).contains("<bad-format", "send &lt;close");
        assertThat(streamErrorAfter(WebSocketTest.OPEN, WebSocketTest.OPEN)).contains("<bad-format", "already open");
    }

    @Test
    void malformedAndRestrictedXmlAreTheStreamErrorsOfTcp() throws Exception {
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "<presence xmlns='jabber:client'></message>")).contains("<not-well-formed");
        assertThat(streamErrorAfter(WebSocketTest.OPEN, "<presence xmlns='jabber:client'><!-- c --></presence>"))
                .contains("<restricted-xml");
    }

    @Test
    void anXmlDeclarationIsAllowedBeforeTheElement() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            assertThat(ws.send("<?xml version='1.0'?>" + WebSocketTest.OPEN).next()).startsWith("<open ");
        }
    }

    /** Sends {@code open} (unless null) and then {@code bad}, and returns the stream error, checking the close that follows. */
    private static String streamErrorAfter(String open, String bad) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            if (open != null) {
                ws.send(open).until("stream:features");
            }
            ws.send(bad);
            String error = ws.until("stream:error");
            assertThat(ws.next()).isEqualTo("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
            assertThat(ws.closeCode()).isEqualTo(1000);
            return error;
        }
    }
}
