package org.switchboard.sip;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A phone or caller written by hand over {@link RawSipClient}: REGISTER and INVITE with MD5 digest, the ACK and
 * CANCEL of a caller, the 200 of a callee. Only the outside world is played; the gateway is the real one.
 */
public final class RawPhone implements AutoCloseable {

    final RawSipClient client;
    final String domain;
    public final String user;
    final String password;
    private int cseq = 1;

    RawPhone(int serverPort, String user, String password) throws IOException {
        this(serverPort, SipTestServer.DOMAIN, user, password);
    }

    /** A phone of {@code user@domain} on a free loopback port, talking to the gateway's UDP port. */
    public RawPhone(int serverPort, String domain, String user, String password) throws IOException {
        this.client = new RawSipClient(serverPort);
        this.domain = domain;
        this.user = user;
        this.password = password;
    }

    public int port() {
        return client.localPort();
    }

    /** The next message that {@code wanted} accepts within {@code within}, skipping others; null when none came. */
    public String await(Predicate<String> wanted, Duration within) throws IOException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            String message = client.receive();
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        return null;
    }

    /** REGISTERs {@code contactUri} (with its URI parameters) and {@code contactParams} after it; the final answer. */
    public String register(String contactUri, String contactParams, String callId) throws IOException {
        String request = "REGISTER sip:" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=%s;rport\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=reg\n"
                + "To: <sip:" + user + "@" + domain + ">\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: %d REGISTER\n"
                + "Contact: <" + contactUri + ">" + contactParams + "\n"
                + "Max-Forwards: 70\nExpires: 600\n%s"
                + "Content-Length: 0\n\n";
        int first = cseq++;
        client.send(String.format(request, RawSipClient.branch(), first, ""));
        String challenged = await(m -> m.contains("CSeq: " + first + " REGISTER") && !m.startsWith("SIP/2.0 100"), Duration.ofSeconds(10));
        if (challenged == null || !challenged.startsWith("SIP/2.0 401")) {
            return challenged;
        }
        Map<String, String> challenge = RawSipClient.challenge(challenged, "MD5");
        int second = cseq++;
        client.send(String.format(request, RawSipClient.branch(), second,
                "Authorization: " + credentials("REGISTER", "sip:" + domain, challenge) + "\n"));
        return await(m -> m.contains("CSeq: " + second + " REGISTER") && !m.startsWith("SIP/2.0 100"), Duration.ofSeconds(10));
    }

    /** An INVITE to {@code callee} as it goes out, with {@code auth} (or none) and this CSeq and branch. */
    public String invite(String callee, String callId, int number, String branch, String auth) {
        return "INVITE sip:" + callee + "@" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + branch + ";rport\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=caller\n"
                + "To: <sip:" + callee + "@" + domain + ">\n"
                + "Call-ID: " + callId + "\nCSeq: " + number + " INVITE\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + port() + ">\n"
                + "Max-Forwards: 70\n" + (auth == null ? "" : "Proxy-Authorization: " + auth + "\n")
                + "Content-Length: 0\n\n";
    }

    /** Places a call: answers the 407 (with its ACK) and sends the INVITE again with credentials; its CSeq and branch. */
    public Call call(String callee, String callId) throws IOException {
        int asked = cseq++;
        String firstBranch = RawSipClient.branch();
        client.send(invite(callee, callId, asked, firstBranch, null));
        String challenge = await(m -> m.startsWith("SIP/2.0 407") && m.contains("CSeq: " + asked + " INVITE"), Duration.ofSeconds(10));
        client.send("ACK sip:" + callee + "@" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + firstBranch + ";rport\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=caller\n"
                + header(challenge, "To") + "\nCall-ID: " + callId + "\nCSeq: " + asked + " ACK\nMax-Forwards: 70\nContent-Length: 0\n\n");
        int number = cseq++;
        String branch = RawSipClient.branch();
        String auth = credentials("INVITE", "sip:" + callee + "@" + domain,
                RawSipClient.challenge(challenge, "Proxy-Authenticate:", "MD5"));
        client.send(invite(callee, callId, number, branch, auth));
        return new Call(callee, callId, number, branch);
    }

    /** A call placed: what its CANCEL and ACK repeat. */
    public record Call(String callee, String callId, int cseq, String branch) {
    }

    public void cancel(Call call) throws IOException {
        client.send("CANCEL sip:" + call.callee() + "@" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + call.branch() + ";rport\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=caller\n"
                + "To: <sip:" + call.callee() + "@" + domain + ">\n"
                + "Call-ID: " + call.callId() + "\nCSeq: " + call.cseq() + " CANCEL\nMax-Forwards: 70\nContent-Length: 0\n\n");
    }

    /** The ACK to a 2xx, to the callee's Contact along the Record-Route of {@code ok}. */
    public void ackAnswer(Call call, String ok) throws IOException {
        String target = header(ok, "Contact").replaceFirst("^Contact: *<([^>]*)>.*$", "$1");
        client.send("ACK " + target + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "Route: " + header(ok, "Record-Route").substring("Record-Route:".length()).trim() + "\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=caller\n"
                + header(ok, "To") + "\nCall-ID: " + call.callId() + "\nCSeq: " + call.cseq() + " ACK\nMax-Forwards: 70\nContent-Length: 0\n\n");
    }

    /** The callee's answer to {@code invite}: its Vias, Record-Routes, From, Call-ID and CSeq, a To tag and a Contact. */
    public void answer(String invite, int status, String reason) throws IOException {
        StringBuilder response = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String line : invite.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("Record-Route:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                response.append(line).append('\n');
            } else if (line.startsWith("To:")) {
                response.append(line).append(";tag=callee\n");
            }
        }
        response.append("Contact: <sip:").append(user).append("@127.0.0.1:").append(port()).append(">\nContent-Length: 0\n\n");
        client.send(response.toString());
    }

    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line;
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }

    private String credentials(String method, String uri, Map<String, String> challenge) {
        return RawSipClient.md5Credentials(user, password, method, uri, challenge);
    }

    @Override
    public void close() {
        client.close();
    }
}
