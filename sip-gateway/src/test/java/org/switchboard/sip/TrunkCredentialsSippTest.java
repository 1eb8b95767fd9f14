package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.trunk.TrunkLogin;
import org.switchboard.sip.trunk.TrunkSettings;

/**
 * A trunk that challenges calls (ADR 0046): sipp as the trunk answers the first INVITE with 401 or 407, the gateway
 * resends it with the trunk credentials and a CSeq one higher, and the caller's later requests in the dialog (ACK,
 * BYE, re-INVITE) reach the trunk counted on from there, while the trunk's own requests and every answer reach the
 * caller with the CSeq it knows. sipp on both sides checks what it receives; the trunk's sipp checks the digest.
 */
class TrunkCredentialsSippTest {

    private static final String PASSWORD = "a challenged caller's password";
    private static final int TRUNK_PORT = SipTestServer.freeUdpPort();
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)), new TrunkSettings(SipTestServer.HOST,
                TRUNK_PORT, "udp", null, new TrunkLogin("trunk-user", "the trunk's password", false, 3600)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private record Run(Sipp.Result caller, Sipp.Result trunk) {
    }

    private static Run call(String prefix, String callerScenario, String trunkScenario) throws Exception {
        int phone = SipTestServer.freeUdpPort();
        Account account = server.createAccount(prefix, PASSWORD, AccountKind.PERSON);
        Sipp.Result registered = Sipp.run("register.xml", phone, SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", account.localpart(), "-au", account.localpart(), "-ap", PASSWORD));
        assertThat(registered.succeeded()).as(registered.output()).isTrue();
        Sipp trunk = Sipp.start(trunkScenario, TRUNK_PORT, null, "u1", List.of());
        Thread.sleep(300);   // let the trunk's sipp bind its port before the INVITE arrives; a miss is retransmitted
        Sipp.Result caller = Sipp.run(callerScenario, phone, SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", "+15551234567", "-key", "caller", account.localpart(), "-au", account.localpart(), "-ap", PASSWORD));
        Sipp.Result answered = trunk.await();
        assertThat(answered.succeeded()).as("trunk: " + answered.output()).isTrue();
        assertThat(caller.succeeded()).as("caller: " + caller.output()).isTrue();
        return new Run(caller, answered);
    }

    @Test
    void aChallengedCallIsResentWithCredentialsAndTheCallersHangUpReachesTheTrunkCountedOn() throws Exception {
        Run run = call("hana", "uac-call.xml", "uas-challenge-answer.xml");
        assertThat(run.trunk().output())
                .contains("Authorization: Digest username=\"trunk-user\"")
                .contains("CSeq: 2 INVITE").contains("CSeq: 3 INVITE").contains("CSeq: 3 ACK").contains("CSeq: 4 BYE")
                .contains(";sbo=1")
                .doesNotContain("the trunk's password");
        assertThat(run.caller().output()).contains("CSeq: 3 BYE").doesNotContain("CSeq: 4 BYE")
                .doesNotContain("WWW-Authenticate: Digest realm=\"trunk.test\"");
    }

    @Test
    void aReInviteFromTheCallerIsCountedOnAndTheTrunksHangUpKeepsItsOwnCSeq() throws Exception {
        Run run = call("ivan", "uac-reinvite.xml", "uas-challenge-reinvite-bye.xml");
        assertThat(run.trunk().output()).contains("Proxy-Authorization: Digest username=\"trunk-user\"")
                .contains("CSeq: 4 INVITE").contains("CSeq: 4 ACK");
        assertThat(run.caller().output()).contains("CSeq: 1 BYE").doesNotContain("CSeq: 4 INVITE");
    }

    @Test
    void theResentInviteIsCancelledWhenTheCallerCancels() throws Exception {
        Run run = call("jana", "uac-cancel.xml", "uas-challenge-cancel.xml");
        assertThat(run.trunk().output()).contains("CSeq: 3 CANCEL");
        assertThat(run.caller().output()).contains("SIP/2.0 487").doesNotContain("CSeq: 3");
    }
}
