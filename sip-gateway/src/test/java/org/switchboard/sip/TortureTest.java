package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and odd input in the spirit of the RFC 4475 torture tests: valid oddities are answered as the
 * requests they are, invalid messages are answered 4xx/5xx or dropped, oversized and truncated messages
 * over UDP and TCP are refused — and after each the server still answers an OPTIONS.
 */
class TortureTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String headers(String requestLine, String cseq, String extra) {
        return requestLine + "\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:torture@" + SipTestServer.DOMAIN + ">;tag=t" + ThreadLocalRandom.current().nextInt(1_000_000) + "\n"
                + "To: <sip:" + SipTestServer.HOST + ">\n"
                + "Call-ID: torture-" + RawSipClient.branch() + "\n"
                + "CSeq: " + cseq + "\n"
                + "Max-Forwards: 70\n"
                + extra;
    }

    private static String options(String extra) {
        return headers("OPTIONS sip:" + SipTestServer.HOST + ":" + server.gateway().udpPort() + " SIP/2.0", "1 OPTIONS", extra);
    }

    private static void stillServes(RawSipClient client) throws IOException {
        assertThat(client.options()).as("the server still answers").startsWith("SIP/2.0 200");
    }

    /** RFC 4475 3.1.1.1 style: folded header lines and odd whitespace are valid. */
    @Test
    void foldedHeadersAndWhitespaceAreValid() throws Exception {
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(options("Subject: I know you're there,\n     pick up the phone\n   and talk to me!\n"
                    + "Accept   :  application/sdp\n"
                    + "Content-Length  :  0\n\n"));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 200");
        }
    }

    /** RFC 4475 3.1.1.3 style: an escaped user part is still a valid Request-URI (here: a user that does not exist). */
    @Test
    void anEscapedRequestUriIsParsed() throws Exception {
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(headers("INVITE sip:sips%3Auser%40example.com@" + SipTestServer.DOMAIN + ";maddr=127.0.0.1 SIP/2.0",
                    "1 INVITE", "Contact: <sip:torture@127.0.0.1:5999>\nContent-Length: 0\n\n"));
            assertThat(client.receiveFinal()).matches("SIP/2.0 (403|404|407|480)(?s).*");
        }
    }

    /** Invalid messages of RFC 4475 section 3.1.2 (and a few more): 4xx/5xx or silence, never a crash. */
    @ParameterizedTest
    @ValueSource(strings = {
            "negative Content-Length",       // 3.1.2.2 ncl
            "Content-Length beyond datagram", // 3.1.2.1 clerr
            "huge CSeq and Max-Forwards",    // 3.1.2.3 scalar02
            "missing Call-ID From To",       // 3.1.2.12 insuf
            "missing CSeq",
            "CSeq method mismatch",          // 3.1.2.17 mismatch01
            "unterminated quoted string",    // 3.1.2.5 quotbal
            "binary garbage",
            "truncated headers"})
    void invalidMessagesAreRefusedOrDropped(String which) throws Exception {
        String port = Integer.toString(server.gateway().udpPort());
        String message = switch (which) {
            case "negative Content-Length" -> options("Content-Length: -999\n\n");
            case "Content-Length beyond datagram" -> options("Content-Length: 9999\n\nv=0\n");
            case "huge CSeq and Max-Forwards" -> headers("OPTIONS sip:" + SipTestServer.HOST + ":" + port + " SIP/2.0",
                    "36893488147419103232 OPTIONS", "Max-Forwards: 300\nContent-Length: 0\n\n");
            case "missing Call-ID From To" -> "OPTIONS sip:" + SipTestServer.HOST + ":" + port + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + RawSipClient.branch() + ";rport\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
            case "missing CSeq" -> options("Content-Length: 0\n\n").replaceAll("CSeq: [^\n]*\n", "");
            case "CSeq method mismatch" -> headers("OPTIONS sip:" + SipTestServer.HOST + ":" + port + " SIP/2.0", "1 INVITE",
                    "Content-Length: 0\n\n");
            case "unterminated quoted string" -> headers("OPTIONS sip:" + SipTestServer.HOST + ":" + port + " SIP/2.0", "1 OPTIONS", "")
                    .replace("From: <sip:", "From: \"Bob <sip:") + "Content-Length: 0\n\n";
            case "binary garbage" -> new String(randomBytes(800), StandardCharsets.ISO_8859_1);
            case "truncated headers" -> options("").substring(0, 120);
            default -> throw new IllegalArgumentException(which);
        };
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            // more copies than the stack has threads: a message that killed a thread would end UDP service
            for (int i = 0; i < 2 * server.settings.threads(); i++) {
                client.send(message.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            String answer = client.receive();
            if (answer != null) {
                assertThat(answer).as(which).matches("SIP/2.0 [45]\\d\\d(?s).*");
            }
            stillServes(client);
        }
    }

    /** RFC 4475 3.1.2.16 badvers. */
    @Test
    @Disabled("JAIN-SIP's parser reads any SIP version as SIP/2.0, so the request is served as 2.0 instead of 505; "
            + "waits for a check of the raw request line before the stack parses it")
    void anUnknownSipVersionIsAnswered505() throws Exception {
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(options("Content-Length: 0\n\n").replace(" SIP/2.0\n", " SIP/7.0\n"));
            assertThat(client.receiveFinal()).startsWith("SIP/2.0 505");
        }
    }

    @Test
    void anOversizedDatagramIsRefused() throws Exception {
        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(options("X-Padding: " + "a".repeat(30_000) + "\nContent-Length: 0\n\n"));
            String answer = client.receive();
            if (answer != null) {
                assertThat(answer).startsWith("SIP/2.0 513");
            }
            stillServes(client);
        }
    }

    @Test
    void truncatedAndOversizedStreamsOverTcpEndWithoutHarm() throws Exception {
        int port = server.gateway().tcpPort();
        String full = tcpOptions(port, "Content-Length: 0\n\n");
        try (Socket truncated = connect(port)) {
            truncated.getOutputStream().write(full.substring(0, full.length() / 2).getBytes(StandardCharsets.US_ASCII));
        }
        try (Socket shortBody = connect(port)) {
            shortBody.getOutputStream().write(tcpOptions(port, "Content-Length: 500\n\nonly this").getBytes(StandardCharsets.US_ASCII));
        }
        try (Socket oversized = connect(port)) {
            OutputStream out = oversized.getOutputStream();
            out.write(tcpOptions(port, "X-Padding: ").getBytes(StandardCharsets.US_ASCII));
            byte[] padding = "a".repeat(4096).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 64; i++) {   // 256 KiB of one header line, far past the 16 KiB limit
                    out.write(padding);
                }
                out.write("\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = readResponse(oversized);
                assertThat(answer == null || !answer.startsWith("SIP/2.0 200")).as("not processed: " + answer).isTrue();
            } catch (IOException closedByServer) {
                // what should happen: the server gave up on the stream
            }
        }
        try (Socket probe = connect(port)) {
            probe.getOutputStream().write(tcpOptions(port, "Content-Length: 0\n\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(probe)).startsWith("SIP/2.0 200");
        }
    }

    private static String tcpOptions(int port, String extra) {
        return headers("OPTIONS sip:" + SipTestServer.HOST + ":" + port + " SIP/2.0", "1 OPTIONS", extra)
                .replace("SIP/2.0/UDP 127.0.0.1:5999", "SIP/2.0/TCP 127.0.0.1:5999").replace("\n", "\r\n");
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** One response's head, or null when the server closed the stream or said nothing. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) != -1) {
                head.append((char) c);
                if (head.toString().endsWith("\r\n\r\n")) {
                    return head.toString();
                }
            }
        } catch (SocketTimeoutException silence) {
            return null;
        }
        return head.isEmpty() ? null : head.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
