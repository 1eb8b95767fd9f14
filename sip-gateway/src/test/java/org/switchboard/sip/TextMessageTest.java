package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.password.SipDigest;

/**
 * MESSAGE (RFC 3428) to a phone number or an account, answered by the gateway itself, without an XMPP server
 * or SMS host in this process: who may send (407 first, as for calls), and what is refused and why — a body
 * that is not text/plain (415 with Accept), too long (413), empty (400), a number that is none (484), nobody to
 * send the SMS (480 naming it), an account with no phone and no XMPP server (480), a message over the size
 * limit (513 or 400, before authentication). The happy path with a real
 * host runs in the app module (SipMessageSmsTest), where the outbox has a host to go to.
 */
class TextMessageTest {

    private static SipTestServer server;
    private static Account alice;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)));
        alice = server.createAccount("alice", "alice password", AccountKind.PERSON);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int cseq = 1;

    private static String message(RawSipClient from, String requestUri, String contentType, byte[] body, String credentials) {
        int seq = cseq++;
        return "MESSAGE " + requestUri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:" + alice.localpart() + "@" + SipTestServer.DOMAIN + ">;tag=t" + seq + "\n"
                + "To: <" + requestUri + ">\n"
                + "Call-ID: text-" + seq + "-" + RawSipClient.branch() + "\n"
                + "CSeq: " + seq + " MESSAGE\n"
                + "Max-Forwards: 70\n"
                + (credentials == null ? "" : "Proxy-Authorization: " + credentials + "\n")
                + (contentType == null ? "" : "Content-Type: " + contentType + "\n")
                + "Content-Length: " + body.length + "\n\n";
    }

    /** Sends the MESSAGE, answers the 407 with alice's digest, and returns the final answer to that. */
    private static String send(String requestUri, String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawSipClient phone = new RawSipClient(server.gateway().udpPort())) {
            phone.send(concat(message(phone, requestUri, contentType, bytes, null), bytes));
            String asked = phone.receiveFinal();
            assertThat(asked).as("unauthenticated").startsWith("SIP/2.0 407");
            Map<String, String> challenge = RawSipClient.challenge(asked, "Proxy-Authenticate:", "MD5");
            phone.send(concat(message(phone, requestUri, contentType, bytes, credentials(requestUri, challenge)), bytes));
            return phone.receiveFinal();
        }
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] start = head.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private static String credentials(String uri, Map<String, String> challenge) {
        return RawSipClient.md5Credentials(alice.localpart(), "alice password", "MESSAGE", uri, challenge);
    }

    private static String number(String user) {
        return "sip:" + user + "@" + SipTestServer.DOMAIN;
    }

    @Test
    void aPersonWithoutAHostIsToldNoSmsCanLeave() throws Exception {
        assertThat(send(number("+15557654321"), "text/plain;charset=UTF-8", "hello"))
                .startsWith("SIP/2.0 480 Cannot send SMS: no SMS host is paired with your account");
        assertThat(send("sip:(555)%20765-4321@" + SipTestServer.DOMAIN + ";user=phone", "text/plain", "hello"))
                .startsWith("SIP/2.0 480 Cannot send SMS");
        assertThat(send("tel:+15557654321", "text/plain", "hello")).startsWith("SIP/2.0 480 Cannot send SMS");
    }

    @Test
    void aNumberThatIsNoneIsAddressIncomplete() throws Exception {
        assertThat(send(number("+1555x"), "text/plain", "hello")).startsWith("SIP/2.0 484 Not a phone number");
        assertThat(send(number("+"), "text/plain", "hello")).startsWith("SIP/2.0 484 Not a phone number");
    }

    @Test
    void onlyPlainTextIsTaken() throws Exception {
        String refused = send(number("+15557654321"), "text/html", "<b>hello</b>");
        assertThat(refused).startsWith("SIP/2.0 415 Only text/plain is accepted, not text/html").contains("Accept: text/plain");
        assertThat(send(number("+15557654321"), "message/cpim", "hello")).startsWith("SIP/2.0 415");
        assertThat(send(number("+15557654321"), "text/plain;charset=ISO-8859-1", "hello"))
                .startsWith("SIP/2.0 415 Only UTF-8 text is accepted");
        assertThat(send(number("+15557654321"), null, "hello")).startsWith("SIP/2.0 400 MESSAGE body without Content-Type");
    }

    @Test
    void emptyAndOversizedBodiesAreRefused() throws Exception {
        assertThat(send(number("+15557654321"), "text/plain", "")).startsWith("SIP/2.0 400 MESSAGE without a body");
        assertThat(send(number("+15557654321"), "text/plain", "   ")).startsWith("SIP/2.0 400 MESSAGE body is blank");
        assertThat(send(number("+15557654321"), "text/plain", "x".repeat(10_001)))
                .startsWith("SIP/2.0 413 Body has 10001 characters; at most 10000");
    }

    @Test
    void anAccountWithoutPhonesOrAnXmppServerIsTemporarilyUnavailable() throws Exception {
        Account bob = server.createAccount("bob", "bob password", AccountKind.PERSON);
        assertThat(send("sip:" + bob.localpart() + "@" + SipTestServer.DOMAIN, "text/plain", "hello"))
                .startsWith("SIP/2.0 480");
        assertThat(send("sip:nobody-here@" + SipTestServer.DOMAIN, "text/plain", "hello")).startsWith("SIP/2.0 404");
    }

    @Test
    void theServerStillServesAfterHostileMessages() throws Exception {
        try (RawSipClient probe = new RawSipClient(server.gateway().udpPort())) {
            // over the whole-message limit (16 KiB by default): refused before anything reads it, even authentication —
            // 513 from the size valve, or 400 when the stack's UDP buffer already cut the datagram short of its Content-Length
            byte[] huge = "x".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            probe.send(concat(message(probe, number("+15557654321"), "text/plain", huge, null), huge));
            assertThat(probe.receiveFinal()).matches("(?s)SIP/2\\.0 (513|400) .*");
            byte[] invalid = {(byte) 0xc3, (byte) 0x28};
            probe.send(concat(message(probe, number("+15557654321"), "text/plain", invalid, null), invalid));
            assertThat(probe.receiveFinal()).startsWith("SIP/2.0 407");
            assertThat(probe.options()).startsWith("SIP/2.0 200");
        }
    }
}
