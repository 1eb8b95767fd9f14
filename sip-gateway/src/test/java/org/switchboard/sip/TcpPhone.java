package org.switchboard.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone on one TCP connection to the gateway, registering a Contact of its choosing (for example a port
 * nobody listens on, as behind NAT): REGISTER with MD5 digest and the 200 of a callee. Only the outside world
 * is played; the gateway is the real one.
 */
final class TcpPhone implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)");

    private final Socket socket;
    private final InputStream in;
    private final String user;
    private final String password;
    private int cseq = 1;

    TcpPhone(int serverPort, String user, String password) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        this.socket.setSoTimeout(1000);
        this.in = socket.getInputStream();
        this.user = user;
        this.password = password;
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String message) throws IOException {
        socket.getOutputStream().write(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next message that {@code wanted} accepts within {@code within}, skipping others; null when none came. */
    String await(Predicate<String> wanted, Duration within) throws IOException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            String message = receive(socket, in);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        return null;
    }

    /** One SIP message from a stream (head, then Content-Length bytes); null when none came within the timeout. */
    static String receive(Socket socket, InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int waiting = socket.getSoTimeout();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                String text = head.toString(StandardCharsets.UTF_8);
                if (text.equals("\r\n")) {
                    head.reset();
                } else if (text.endsWith("\r\n\r\n")) {
                    Matcher length = CONTENT_LENGTH.matcher(text);
                    int body = length.find() ? Integer.parseInt(length.group(1)) : 0;
                    socket.setSoTimeout(10_000);
                    return text + new String(in.readNBytes(body), StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException nothing) {
            return null;
        } finally {
            socket.setSoTimeout(waiting);
        }
    }

    /** REGISTERs {@code contactUri} over this connection; the final answer. */
    String register(String domain, String contactUri, String callId) throws IOException {
        String request = "REGISTER sip:" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + port() + ";branch=%s;rport\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=reg\n"
                + "To: <sip:" + user + "@" + domain + ">\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: %d REGISTER\n"
                + "Contact: <" + contactUri + ">\n"
                + "Max-Forwards: 70\nExpires: 600\n%s"
                + "Content-Length: 0\n\n";
        int first = cseq++;
        send(String.format(request, RawSipClient.branch(), first, ""));
        String challenged = await(m -> m.contains("CSeq: " + first + " REGISTER") && !m.startsWith("SIP/2.0 100"), Duration.ofSeconds(10));
        if (challenged == null || !challenged.startsWith("SIP/2.0 401")) {
            return challenged;
        }
        Map<String, String> challenge = RawSipClient.challenge(challenged, "MD5");
        String auth = "Authorization: " + RawSipClient.md5Credentials(user, password, "REGISTER", "sip:" + domain, challenge) + "\n";
        int second = cseq++;
        send(String.format(request, RawSipClient.branch(), second, auth));
        return await(m -> m.contains("CSeq: " + second + " REGISTER") && !m.startsWith("SIP/2.0 100"), Duration.ofSeconds(10));
    }

    /** The callee's answer to {@code invite}, sent back over this connection, with {@code contactUri}. */
    void answer(String invite, int status, String reason, String contactUri) throws IOException {
        send(answerTo(invite, status, reason, contactUri));
    }

    static String answerTo(String invite, int status, String reason, String contactUri) {
        StringBuilder response = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String line : invite.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("Record-Route:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                response.append(line).append('\n');
            } else if (line.startsWith("To:")) {
                response.append(line).append(";tag=callee\n");
            }
        }
        return response.append("Contact: <").append(contactUri).append(">\nContent-Length: 0\n\n").toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
