package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
 * Calls to phone numbers through a trunk (ADR 0046), with sipp as the trunk on loopback: the call reaches it as
 * {@code sip:+E164@trunk}, is answered and hung up along the Record-Route, and leaves a call record naming the
 * number, with the configured caller id asserted (RFC 3325). A gateway without a trunk refuses the same call.
 */
class TrunkCallSippTest {

    private static final String PASSWORD = "a trunk caller's password";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int TRUNK_PORT = SipTestServer.freeUdpPort();
    private static SipTestServer server;
    private static SipTestServer noTrunk;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)),
                new TrunkSettings(SipTestServer.HOST, TRUNK_PORT, "udp", "+15550001111"));
        noTrunk = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)));
    }

    @AfterAll
    static void stop() {
        server.close();
        noTrunk.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static Account registered(SipTestServer on, String prefix, int port) throws Exception {
        Account account = on.createAccount(prefix, PASSWORD, AccountKind.PERSON);
        Sipp.Result result = Sipp.run("register.xml", port, SipTestServer.HOST + ":" + on.gateway().udpPort(), "u1",
                List.of("-s", account.localpart(), "-au", account.localpart(), "-ap", PASSWORD));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        return account;
    }

    private static Sipp.Result dial(SipTestServer on, Account caller, int port, String number, String scenario) throws Exception {
        return Sipp.run(scenario, port, SipTestServer.HOST + ":" + on.gateway().udpPort(), "u1", List.of("-s", number,
                "-key", "caller", caller.localpart(), "-au", caller.localpart(), "-ap", PASSWORD));
    }

    @Test
    void aCallToANumberIsAnsweredByTheTrunkAndRecorded() throws Exception {
        int phone = SipTestServer.freeUdpPort();
        Account alice = registered(server, "alice", phone);
        Sipp trunk = Sipp.start("uas-answer.xml", TRUNK_PORT, null, "u1", List.of());
        Thread.sleep(300);   // let the trunk's sipp bind its port before the INVITE arrives; a miss is retransmitted
        Sipp.Result calling = dial(server, alice, phone, "+15551234567", "uac-call.xml");
        Sipp.Result answered = trunk.await();
        assertThat(calling.succeeded()).as("caller: " + calling.output()).isTrue();
        assertThat(answered.succeeded()).as("trunk: " + answered.output()).isTrue();

        assertThat(answered.output()).contains("INVITE sip:+15551234567@127.0.0.1:" + TRUNK_PORT + ";user=phone;transport=udp SIP/2.0")
                .contains("Record-Route: <sip:127.0.0.1:" + server.gateway().udpPort() + ";lr;sb=")
                .contains("BYE sip:127.0.0.1:" + TRUNK_PORT)
                .contains("P-Asserted-Identity: <sip:+15550001111@" + SipTestServer.DOMAIN + ";user=phone>")
                .doesNotContain("Proxy-Authorization");   // the caller's credentials for this server stay here
        Map<String, Object> record = endedRecord(alice);
        assertThat(record).containsEntry("status", 200).containsEntry("to_uri", "sip:+15551234567@" + SipTestServer.DOMAIN);
        assertThat(record.get("callee_id")).isNull();
    }

    @Test
    void withoutATrunkACallToANumberIsNotFound() throws Exception {
        int phone = SipTestServer.freeUdpPort();
        Account bob = registered(noTrunk, "bob", phone);
        Sipp.Result calling = dial(noTrunk, bob, phone, "+15551234567", "uac-not-found.xml");
        assertThat(calling.succeeded()).as("caller: " + calling.output()).isTrue();
    }

    private static String invite(RawSipClient from, String uri) {
        return "INVITE " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:mallory@" + SipTestServer.DOMAIN + ">;tag=raw\n"
                + "To: <" + uri + ">\n"
                + "Call-ID: raw-" + RawSipClient.branch() + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:mallory@127.0.0.1:" + from.localPort() + ">\n"
                + "P-Asserted-Identity: <sip:+15550009999@" + SipTestServer.DOMAIN + ">\n"
                + "Max-Forwards: 70\nContent-Length: 0\n\n";
    }

    /** No open relay: a call to a number, in any of its forms, must first prove an account of this server. */
    @Test
    void anUnauthenticatedCallToANumberDoesNotReachTheTrunk() throws Exception {
        int gatewayPort = server.gateway().udpPort();
        try (RawSipClient trunk = new RawSipClient(gatewayPort, TRUNK_PORT); RawSipClient caller = new RawSipClient(gatewayPort)) {
            for (String uri : List.of("sip:+15551234567@" + SipTestServer.DOMAIN, "sip:+15551234567@" + SipTestServer.DOMAIN
                    + ";user=phone", "tel:+1-555-123-4567")) {
                caller.send(invite(caller, uri));
                assertThat(caller.receiveFinal()).as(uri).startsWith("SIP/2.0 407");
            }
            assertThat(trunk.receive()).as("nothing reached the trunk").isNull();
        }
    }

    @Test
    void withoutATrunkATelUriIsNotRelayed() throws Exception {
        try (RawSipClient caller = new RawSipClient(noTrunk.gateway().udpPort())) {
            caller.send(invite(caller, "tel:+15551234567"));
            assertThat(caller.receiveFinal()).startsWith("SIP/2.0 403");
        }
    }

    /** The one record of calls by {@code caller}, once it has ended (written after the answer went out, so polled). */
    private static Map<String, Object> endedRecord(Account caller) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOUND);
        while (true) {
            List<Map<String, Object>> rows = TestDatabase.client().sql("SELECT * FROM sip_calls WHERE caller_id = :caller")
                    .bind("caller", caller.id()).fetch().all().collectList().block(BOUND);
            if (rows.size() == 1 && rows.get(0).get("ended_at") != null) {
                return rows.get(0);
            }
            assertThat(rows.size()).as("records of calls by " + caller.localpart()).isLessThanOrEqualTo(1);
            assertThat(Instant.now()).as("the record of the call by " + caller.localpart() + " ended within " + BOUND).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
