package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.password.SipDigest;

/**
 * Calls between two sipp user agents that registered through the gateway (RFC 3261 section 16): answered
 * and hung up along the Record-Route, cancelled while ringing, refused busy, and to nobody registered.
 */
class CallSippTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static String gateway() {
        return SipTestServer.HOST + ":" + server.gateway().udpPort();
    }

    /** A registered account with its phone's port. */
    private record Phone(Account account, int port, String password) {
        String name() { return account.localpart(); }
    }

    private static Phone registered(String prefix) throws Exception {
        Account account = server.createAccount(prefix, "password of " + prefix, AccountKind.PERSON);
        int port = SipTestServer.freeUdpPort();
        Sipp.Result result = Sipp.run("register.xml", port, gateway(), "u1",
                List.of("-s", account.localpart(), "-au", account.localpart(), "-ap", "password of " + prefix));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        return new Phone(account, port, "password of " + prefix);
    }

    /** Runs the callee's scenario on its registered port, then the caller's, and expects both to succeed. */
    private static Sipp.Result call(Phone caller, Phone callee, String callerScenario, String calleeScenario) throws Exception {
        Sipp answering = Sipp.start(calleeScenario, callee.port(), null, "u1", List.of());
        Thread.sleep(300);   // let the callee's sipp bind its port before the INVITE arrives; a miss is retransmitted
        Sipp.Result calling = Sipp.run(callerScenario, caller.port(), gateway(), "u1",
                List.of("-s", callee.name(), "-key", "caller", caller.name(), "-au", caller.name(), "-ap", caller.password()));
        Sipp.Result answered = answering.await();
        assertThat(calling.succeeded() && answered.succeeded()).as("caller: " + calling.output() + "\ncallee: " + answered.output()).isTrue();
        return answered;
    }

    @Test
    void aCallIsAnsweredAcknowledgedAndHungUp() throws Exception {
        Sipp.Result callee = call(registered("alice"), registered("bob"), "uac-call.xml", "uas-answer.xml");

        // the dialog's ACK and BYE reached the callee through the gateway, which Record-Routed the INVITE
        String recordRoute = "Record-Route: <sip:127.0.0.1:" + server.gateway().udpPort() + ";lr;sb=";
        assertThat(callee.output()).contains(recordRoute).contains("BYE sip:127.0.0.1:").contains("Via: SIP/2.0/UDP 127.0.0.1:"
                + server.gateway().udpPort() + ";branch=z9hG4bK-sb");
    }

    @Test
    void aReInviteGoesThroughTheDialogAndTheCalleeHangsUp() throws Exception {
        call(registered("ivan"), registered("judy"), "uac-reinvite.xml", "uas-reinvite-bye.xml");
    }

    @Test
    void aRingingCallIsCancelled() throws Exception {
        call(registered("carol"), registered("dave"), "uac-cancel.xml", "uas-cancel.xml");
    }

    @Test
    void aBusyCalleeAnswers486() throws Exception {
        call(registered("erin"), registered("frank"), "uac-busy.xml", "uas-busy.xml");
    }

    /** A forged in-dialog request (a To tag and a Route to the gateway, but no seal of it) is not relayed anywhere. */
    @Test
    void aForgedInDialogRequestIsNotRelayed() throws Exception {
        int gatewayPort = server.gateway().udpPort();
        try (RawSipClient attacker = new RawSipClient(gatewayPort); RawSipClient victim = new RawSipClient(gatewayPort)) {
            String victimUri = "sip:victim@127.0.0.1:" + victim.localPort();
            for (String route : List.of("<sip:127.0.0.1:" + gatewayPort + ";lr>",
                    "<sip:127.0.0.1:" + gatewayPort + ";lr;sb=AAAAAAAAAAAAAAAA>",
                    "<sip:127.0.0.1:" + gatewayPort + ";lr>, <" + victimUri + ";lr>")) {
                attacker.send("BYE " + victimUri + " SIP/2.0\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + attacker.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                        + "Route: " + route + "\n"
                        + "From: <sip:mallory@elsewhere.test>;tag=a\n"
                        + "To: <sip:victim@elsewhere.test>;tag=b\n"
                        + "Call-ID: forged-" + RawSipClient.branch() + "\n"
                        + "CSeq: 1 BYE\nMax-Forwards: 70\nContent-Length: 0\n\n");
                assertThat(attacker.receiveFinal()).as(route).startsWith("SIP/2.0 403");
            }
            assertThat(victim.receive()).as("nothing reached the victim").isNull();
        }
    }

    /**
     * A BYE with a To tag and no Route, to an account of this domain: what sipp sends to clean up a call whose INVITE
     * got no final answer. No dialog of this server: 481, not "403 Relaying denied", and nothing is forwarded.
     */
    @Test
    void aByeOutsideAnyRecordRoutedDialogIsAnsweredAsNoSuchCall() throws Exception {
        try (RawSipClient caller = new RawSipClient(server.gateway().udpPort())) {
            caller.send("BYE sip:gina@" + SipTestServer.DOMAIN + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                    + "From: <sip:harry@" + SipTestServer.DOMAIN + ">;tag=a\n"
                    + "To: <sip:gina@" + SipTestServer.DOMAIN + ">;tag=b\n"
                    + "Call-ID: gave-up-" + RawSipClient.branch() + "\n"
                    + "CSeq: 2 BYE\nMax-Forwards: 70\nContent-Length: 0\n\n");
            assertThat(caller.receiveFinal()).startsWith("SIP/2.0 481");
        }
    }

    private static String invite(RawSipClient from, String callee, String caller, int cseq, String credentials) {
        return "INVITE sip:" + callee + "@" + SipTestServer.DOMAIN + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:" + caller + ">;tag=raw" + cseq + "\n"
                + "To: <sip:" + callee + "@" + SipTestServer.DOMAIN + ">\n"
                + "Call-ID: raw-call-" + callee + "\n"
                + "CSeq: " + cseq + " INVITE\n"
                + "Contact: <sip:caller@127.0.0.1:" + from.localPort() + ">\n"
                + "Max-Forwards: 70\n"
                + (credentials == null ? "" : "Proxy-Authorization: " + credentials + "\n")
                + "Content-Length: 0\n\n";
    }

    /** A phone registered by hand (no sipp) for a new account: the callee whose messages a test reads and answers. */
    private static RawPhone answeringPhone(String prefix) throws Exception {
        Account account = server.createAccount(prefix, "password of " + prefix, AccountKind.PERSON);
        RawPhone phone = new RawPhone(server.gateway().udpPort(), account.localpart(), "password of " + prefix);
        String contact = "sip:" + account.localpart() + "@127.0.0.1:" + phone.port();
        assertThat(phone.register(contact, "", "reg-" + account.localpart())).startsWith("SIP/2.0 200");
        return phone;
    }

    private static String forwardedInvite(RawPhone callee) throws Exception {
        return callee.await(message -> message.startsWith("INVITE "), Duration.ofSeconds(10));
    }

    /**
     * ADR 0040 amendment: the first try of a call over UDP, without credentials, is challenged without a server
     * transaction. A retransmission of it (the same branch) gets a 407 of its own with a fresh nonce; a 407 nobody
     * ACKs is not sent again (a server transaction resends it after 0.5, 1.5 and 3.5 s until its ACK, Timer G);
     * either nonce then places the call.
     */
    @Test
    void theFirstInviteOverUdpIsChallengedWithoutATransaction() throws Exception {
        Phone caller = registered("nora");
        try (RawPhone callee = answeringPhone("oscar"); RawSipClient calling = new RawSipClient(server.gateway().udpPort())) {
            String from = caller.name() + "@" + SipTestServer.DOMAIN;
            String first = invite(calling, callee.user, from, 1, null);
            calling.send(first);
            String challenged = calling.receiveFinal();
            String again = calling.resendUntilAnswered(first);   // the same branch: a retransmission

            assertThat(challenged).startsWith("SIP/2.0 407").containsPattern("(?m)^To: .*;tag=\\w+");
            assertThat(again).startsWith("SIP/2.0 407");
            Map<String, String> one = RawSipClient.challenge(challenged, "Proxy-Authenticate:", "MD5");
            Map<String, String> two = RawSipClient.challenge(again, "Proxy-Authenticate:", "MD5");
            assertThat(two.get("nonce")).isNotEqualTo(one.get("nonce"));
            assertThat(calling.receive()).as("no 407 sent again in 5 s without an ACK").isNull();

            calling.send(invite(calling, callee.user, from, 2, credentials(caller.name(), caller.password(), callee.user, one)));
            String invite = forwardedInvite(callee);
            assertThat(invite).as("the call with the first nonce reached the callee").isNotNull();
            callee.answer(invite, 486, "Busy Here");
            assertThat(answerTo(calling, 2)).startsWith("SIP/2.0 486");
        }
    }

    /** The final answer to the INVITE with this CSeq (an earlier 407 that nobody ACKed may come again meanwhile). */
    private static String answerTo(RawSipClient client, int cseq) throws Exception {
        for (String answer = client.receiveFinal(); answer != null; answer = client.receiveFinal()) {
            if (answer.contains("CSeq: " + cseq + " INVITE")) {
                return answer;
            }
        }
        throw new AssertionError("no answer to the INVITE with CSeq " + cseq);
    }

    /** Digest credentials for an INVITE to {@code callee} (RFC 2617 with qop=auth). */
    private static String credentials(String user, String password, String callee, Map<String, String> challenge) {
        return RawSipClient.md5Credentials(user, password, "INVITE", "sip:" + callee + "@" + SipTestServer.DOMAIN, challenge);
    }

    /**
     * RFC 3261 section 22.3: a call must prove the account its From names. Without credentials it is asked for
     * them (407); from another domain it is refused; with another account's valid credentials, or a wrong
     * password, it gets no further; none of them rings the callee.
     */
    @Test
    void onlyACallerWhoProvesTheFromAccountRingsTheCallee() throws Exception {
        Phone callee = registered("ivan");
        Phone mallory = registered("mallory");
        String domain = SipTestServer.DOMAIN;
        int gatewayPort = server.gateway().udpPort();
        try (RawSipClient phone = new RawSipClient(gatewayPort, callee.port()); RawSipClient caller = new RawSipClient(gatewayPort)) {
            caller.send(invite(caller, callee.name(), "judy@" + domain, 1, null));
            String asked = answerTo(caller, 1);
            assertThat(asked).startsWith("SIP/2.0 407");
            Map<String, String> challenge = RawSipClient.challenge(asked, "Proxy-Authenticate:", "MD5");
            caller.send(invite(caller, callee.name(), "mallory@elsewhere.test", 2, null));
            assertThat(answerTo(caller, 2)).startsWith("SIP/2.0 403");

            // mallory's own valid credentials on a call that claims to come from judy
            caller.send(invite(caller, callee.name(), "judy@" + domain, 3, credentials(mallory.name(), mallory.password(), callee.name(), challenge)));
            assertThat(answerTo(caller, 3)).startsWith("SIP/2.0 403").contains("Not authorized to call as judy");
            // mallory with a wrong password, under a fresh nonce
            caller.send(invite(caller, callee.name(), mallory.name() + "@" + domain, 4, null));
            Map<String, String> fresh = RawSipClient.challenge(answerTo(caller, 4), "Proxy-Authenticate:", "MD5");
            caller.send(invite(caller, callee.name(), mallory.name() + "@" + domain, 5, credentials(mallory.name(), "guessed", callee.name(), fresh)));
            assertThat(answerTo(caller, 5)).startsWith("SIP/2.0 407");

            assertThat(phone.receive()).as("nothing reached the callee").isNull();
        }
    }

    /**
     * RFC 3261 section 16.7: a 2xx the callee sends again after the proxy's INVITE transaction ended (it terminates
     * on the first 2xx) matches no transaction and is forwarded statelessly, so a caller whose ACK was lost still
     * gets it. Such responses skip the stack's walk over every client transaction (StrayResponses).
     */
    @Test
    void a2xxRetransmittedAfterItsTransactionEndedStillReachesTheCaller() throws Exception {
        Phone caller = registered("kate");
        try (RawPhone callee = answeringPhone("leo"); RawSipClient calling = new RawSipClient(server.gateway().udpPort())) {
            String from = caller.name() + "@" + SipTestServer.DOMAIN;
            calling.send(invite(calling, callee.user, from, 1, null));
            Map<String, String> challenge = RawSipClient.challenge(answerTo(calling, 1), "Proxy-Authenticate:", "MD5");
            calling.send(invite(calling, callee.user, from, 2, credentials(caller.name(), caller.password(), callee.user, challenge)));
            String invite = forwardedInvite(callee);
            assertThat(invite).as("the INVITE reached the callee").isNotNull();
            callee.answer(invite, 200, "OK");
            assertThat(answerTo(calling, 2)).startsWith("SIP/2.0 200");

            Thread.sleep(1_500);   // the INVITE client transaction has ended and left the stack's table
            callee.answer(invite, 200, "OK");   // the same 200 again
            assertThat(answerTo(calling, 2)).as("the retransmitted 2xx").startsWith("SIP/2.0 200").contains("tag=callee");
        }
    }

    @Test
    void anAccountWithoutContactsIsTemporarilyUnavailable() throws Exception {
        Phone caller = registered("grace");
        Account nobody = server.createAccount("heidi", "never registers", AccountKind.PERSON);

        Sipp.Result calling = Sipp.run("uac-unavailable.xml", caller.port(), gateway(), "u1",
                List.of("-s", nobody.localpart(), "-key", "caller", caller.name(), "-au", caller.name(), "-ap", caller.password()));

        assertThat(calling.succeeded()).as(calling.output()).isTrue();
    }
}
