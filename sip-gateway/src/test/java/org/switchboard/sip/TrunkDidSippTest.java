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
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.trunk.TrunkSettings;

/**
 * Calls from the trunk to DIDs (ADR 0046): sipp as the trunk, from the trunk's address and port, calls a DID and
 * rings the registered phone (sipp) of the DID's account without being challenged; the call is recorded with no
 * caller account. An unknown DID gets 404; the same DID called from any other address is refused (403 for another
 * domain's caller) or challenged (407) like any call.
 */
class TrunkDidSippTest {

    private static final String PASSWORD = "a DID owner's password";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int TRUNK_PORT = SipTestServer.freeUdpPort();
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)),
                new TrunkSettings(SipTestServer.HOST, TRUNK_PORT, "udp", null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static String did(Account account) {
        String number = "+1555" + (2000000 + Math.floorMod(account.localpart().hashCode(), 7999999));
        TestDatabase.client().sql("INSERT INTO sip_dids (number, account_id, set_by) VALUES (:n, :a, 'test')")
                .bind("n", number).bind("a", account.id()).then().block(BOUND);
        return number;
    }

    @Test
    void aCallFromTheTrunkToADidRingsTheAccountsPhoneAndIsRecorded() throws Exception {
        int phone = SipTestServer.freeUdpPort();
        Account bob = server.createAccount("bob", PASSWORD, AccountKind.PERSON);
        Sipp.Result registered = Sipp.run("register.xml", phone, SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", bob.localpart(), "-au", bob.localpart(), "-ap", PASSWORD));
        assertThat(registered.succeeded()).as(registered.output()).isTrue();
        String number = did(bob);

        Sipp answering = Sipp.start("uas-answer.xml", phone, null, "u1", List.of());
        Thread.sleep(300);   // let the phone's sipp bind its port; a miss is retransmitted
        Sipp.Result calling = Sipp.run("uac-trunk-call.xml", TRUNK_PORT, SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", number));
        Sipp.Result answered = answering.await();
        assertThat(answered.succeeded()).as("phone: " + answered.output()).isTrue();
        assertThat(calling.succeeded()).as("trunk: " + calling.output()).isTrue();
        assertThat(calling.output()).doesNotContain("SIP/2.0 407");
        assertThat(answered.output()).contains("INVITE sip:" + bob.localpart() + "@127.0.0.1:" + phone)
                .contains("From: <sip:+15557654321@trunk.test;user=phone>");

        Map<String, Object> record = CallRecordRows.endedRecord(bob, BOUND);
        assertThat(record).containsEntry("status", 200).containsEntry("to_uri", "sip:" + number + "@" + SipTestServer.DOMAIN);
        assertThat(record.get("caller_id")).isNull();
    }

    private static String invite(RawSipClient from, String number) {
        return invite(from, number, "+15557654321@trunk.test");
    }

    private static String invite(RawSipClient from, String number, String caller) {
        String uri = "sip:" + number + "@" + SipTestServer.DOMAIN;
        return "INVITE " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:" + caller + ">;tag=raw\n"
                + "To: <" + uri + ">\n"
                + "Call-ID: raw-" + RawSipClient.branch() + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:+15557654321@127.0.0.1:" + from.localPort() + ">\n"
                + "Max-Forwards: 70\nContent-Length: 0\n\n";
    }

    @Test
    void anUnknownDidIsNotFoundAndADidCalledFromElsewhereIsRefusedOrChallenged() throws Exception {
        Account carol = server.createAccount("carol", PASSWORD, AccountKind.PERSON);
        String number = did(carol);
        int gatewayPort = server.gateway().udpPort();
        try (RawSipClient trunk = new RawSipClient(gatewayPort, TRUNK_PORT)) {
            trunk.send(invite(trunk, "+15550000000"));
            assertThat(trunk.receiveFinal()).startsWith("SIP/2.0 404");
        }
        try (RawSipClient mallory = new RawSipClient(gatewayPort)) {
            mallory.send(invite(mallory, number));
            assertThat(mallory.receiveFinal()).as("not the trunk, and no account of this server").startsWith("SIP/2.0 403");
            mallory.send(invite(mallory, number, "mallory@" + SipTestServer.DOMAIN));
            assertThat(mallory.receiveFinal()).as("not the trunk: prove the account first").startsWith("SIP/2.0 407");
        }
    }
}
