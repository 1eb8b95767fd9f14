package org.switchboard.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.switchboard.common.password.SipDigest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare UDP SIP client for what sipp cannot do (SHA-256 digest) and for hostile input: sends text as written,
 * reads whatever comes back. Only the outside world is played here, the gateway is the real one.
 */
public final class RawSipClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final int serverPort;

    RawSipClient(int serverPort) throws IOException {
        this(serverPort, 0);
    }

    /** Bound to {@code localPort}: a phone listening where it registered. */
    RawSipClient(int serverPort, int localPort) throws IOException {
        this.socket = new DatagramSocket(localPort, InetAddress.getLoopbackAddress());
        this.socket.setSoTimeout(5000);
        this.serverPort = serverPort;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(String message) throws IOException {
        send(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    /** The next datagram, or null when none came within the socket timeout. */
    String receive() throws IOException {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException nothing) {
            return null;
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** The next response whose status line is not 100 Trying. */
    String receiveFinal() throws IOException {
        String response;
        do {
            response = receive();
        } while (response != null && response.startsWith("SIP/2.0 100"));
        return response;
    }

    /**
     * Sends {@code request} again, unchanged, until a final answer comes (at most three copies, 5 s each), as a phone's
     * Timer A or E would. JAIN-SIP keeps a request in its pending-transaction table while the listener handles it and
     * absorbs a copy that arrives meanwhile, so one copy alone can go unanswered. Null when none was answered.
     */
    String resendUntilAnswered(String request) throws IOException {
        String answer = null;
        for (int copy = 0; copy < 3 && answer == null; copy++) {
            send(request);
            answer = receiveFinal();
        }
        return answer;
    }

    /** An OPTIONS to the server itself: the probe that the server still serves. */
    String options() throws IOException {
        String callId = branch();
        send("OPTIONS sip:" + SipTestServer.HOST + ":" + serverPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=" + branch() + ";rport\n"
                + "From: <sip:probe@" + SipTestServer.DOMAIN + ">;tag=probe\n"
                + "To: <sip:" + SipTestServer.HOST + ">\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 OPTIONS\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n");
        // answers to earlier requests may still be queued: skip to this one's
        String response;
        do {
            response = receiveFinal();
        } while (response != null && !response.contains("Call-ID: " + callId));
        return response;
    }

    public static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /**
     * The value of an {@code Authorization}/{@code Proxy-Authorization} header answering an MD5 {@code challenge}
     * (RFC 2617 with qop=auth, nonce count 1, a fixed client nonce) for {@code method} on {@code uri}.
     */
    static String md5Credentials(String user, String password, String method, String uri, Map<String, String> challenge) {
        String ha1 = SipDigest.MD5.ha1(user, challenge.get("realm"), password);
        String ha2 = SipDigest.MD5.hex(method + ":" + uri);
        String response = SipDigest.MD5.hex(ha1 + ":" + challenge.get("nonce") + ":00000001:c0ffee:auth:" + ha2);
        return "Digest username=\"" + user + "\",realm=\"" + challenge.get("realm") + "\",nonce=\"" + challenge.get("nonce")
                + "\",uri=\"" + uri + "\",response=\"" + response + "\",algorithm=MD5,cnonce=\"c0ffee\",qop=auth,nc=00000001";
    }

    /** The parameters of the first {@code WWW-Authenticate} for {@code algorithm}. */
    static Map<String, String> challenge(String response, String algorithm) {
        return challenge(response, "WWW-Authenticate:", algorithm);
    }

    /** The parameters of the first challenge header of this name (with its colon) for {@code algorithm}. */
    static Map<String, String> challenge(String response, String header, String algorithm) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, header, 0, header.length()) && line.contains("algorithm=" + algorithm)) {
                Map<String, String> parameters = new java.util.HashMap<>();
                Matcher matcher = Pattern.compile("(\\w+)=(\"[^\"]*\"|[^,\\s]+)").matcher(line.substring(header.length()));
                while (matcher.find()) {
                    parameters.put(matcher.group(1).toLowerCase(), matcher.group(2).replace("\"", ""));
                }
                return parameters;
            }
        }
        throw new AssertionError("no " + algorithm + " challenge in " + response);
    }

    @Override
    public void close() {
        socket.close();
    }
}
