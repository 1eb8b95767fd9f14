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
import org.switchboard.sip.cdr.CallRecords;
import org.switchboard.sip.limits.SipLimits;

/**
 * Call records (ADR 0043) of calls between sipp user agents through the gateway: answered and hung up, cancelled,
 * busy; and the concurrent call cap (one call per account here), which refuses a caller already in a call with 403
 * and a call to a callee already in one with 486, each naming the limit.
 */
class CallRecordsSippTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5))
                .withLimits(SipLimits.OFF.withCallsPerAccount(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private record Phone(Account account, int port, String password) {
        String name() { return account.localpart(); }
    }

    private static String gateway() {
        return SipTestServer.HOST + ":" + server.gateway().udpPort();
    }

    private static Phone registered(String prefix) throws Exception {
        Account account = server.createAccount(prefix, "password of " + prefix, AccountKind.PERSON);
        int port = SipTestServer.freeUdpPort();
        Sipp.Result result = Sipp.run("register.xml", port, gateway(), "u1",
                List.of("-s", account.localpart(), "-au", account.localpart(), "-ap", "password of " + prefix));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        return new Phone(account, port, "password of " + prefix);
    }

    private static Sipp.Result dial(Phone caller, Phone callee, String scenario) throws Exception {
        return Sipp.run(scenario, caller.port(), gateway(), "u1",
                List.of("-s", callee.name(), "-key", "caller", caller.name(), "-au", caller.name(), "-ap", caller.password()));
    }

    private static void call(Phone caller, Phone callee, String callerScenario, String calleeScenario) throws Exception {
        Sipp answering = Sipp.start(calleeScenario, callee.port(), null, "u1", List.of());
        Thread.sleep(300);   // let the callee's sipp bind its port before the INVITE arrives; a miss is retransmitted
        Sipp.Result calling = dial(caller, callee, callerScenario);
        Sipp.Result answered = answering.await();
        assertThat(calling.succeeded()).as("caller: " + calling.output()).isTrue();
        assertThat(answered.succeeded()).as("callee: " + answered.output()).isTrue();
    }

    @Test
    void anAnsweredCallIsRecordedWithItsAnswerAndItsHangUp() throws Exception {
        Phone alice = registered("alice");
        Phone bob = registered("bob");
        call(alice, bob, "uac-call.xml", "uas-answer.xml");

        Map<String, Object> record = CallRecordRows.endedRecord(bob.account(), BOUND);
        assertThat(record).containsEntry("caller_id", alice.account().id()).containsEntry("status", 200)
                .containsEntry("from_uri", "sip:" + alice.name() + "@" + SipTestServer.DOMAIN)
                .containsEntry("to_uri", "sip:" + bob.name() + "@" + SipTestServer.DOMAIN);
        assertThat((String) record.get("answered_by")).as("the phone that answered").contains(":" + bob.port());
        assertThat(record.get("answered_at")).isNotNull();
        assertThat(record.get("call_id")).isNotNull();
        assertThat(server.meters.get("switchboard.sip.calls").tag("result", "answered").counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(server.meters.get("switchboard.sip.registrations").tag("outcome", "success").counter().count())
                .isGreaterThanOrEqualTo(2.0);

        // the cap counts open calls only: the hung-up call leaves both free to call again
        call(bob, alice, "uac-call.xml", "uas-answer.xml");
    }

    @Test
    void aCancelledCallIsRecordedWith487AndNoAnswer() throws Exception {
        Phone carol = registered("carol");
        Phone dave = registered("dave");
        call(carol, dave, "uac-cancel.xml", "uas-cancel.xml");

        Map<String, Object> record = CallRecordRows.endedRecord(dave.account(), BOUND);
        assertThat(record).containsEntry("caller_id", carol.account().id()).containsEntry("status", 487).containsEntry("answered_at", null);
    }

    @Test
    void aBusyCallIsRecordedWith486() throws Exception {
        Phone erin = registered("erin");
        Phone frank = registered("frank");
        call(erin, frank, "uac-busy.xml", "uas-busy.xml");

        Map<String, Object> record = CallRecordRows.endedRecord(frank.account(), BOUND);
        assertThat(record).containsEntry("status", 486).containsEntry("answered_at", null);
    }

    /** A call in progress, as the proxy records it when its INVITE goes on. */
    private static void inACall(Account caller, Account callee) {
        CallRecords.Start start = server.gateway().callRecords().start("in-progress-" + caller.localpart(), caller.id(), callee.localpart(),
                "sip:" + caller.localpart() + "@" + SipTestServer.DOMAIN, "sip:" + callee.localpart() + "@" + SipTestServer.DOMAIN,
                1, Instant.now()).block(BOUND);
        assertThat(start.refused()).isFalse();
    }

    @Test
    void aCallerAlreadyInAsManyCallsAsItMayIsRefused403() throws Exception {
        Phone grace = registered("grace");
        Phone heidi = registered("heidi");
        Account someone = server.createAccount("someone", "password of someone", AccountKind.PERSON);
        inACall(grace.account(), someone);

        Sipp.Result refused = dial(grace, heidi, "uac-limited.xml");
        assertThat(refused.succeeded()).as(refused.output()).isTrue();
        assertThat(refused.output()).contains("SIP/2.0 403 Too many calls: at most 1 at once");
        Map<String, Object> record = CallRecordRows.endedRecord(heidi.account(), BOUND);
        assertThat(record).containsEntry("status", 403).containsEntry("reason", "Too many calls: at most 1 at once");
        assertThat(server.meters.get("switchboard.sip.calls").tag("result", "limited").counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aCallToACalleeAlreadyInAsManyCallsAsItMayIsBusy486() throws Exception {
        Phone ivan = registered("ivan");
        Phone judy = registered("judy");
        Account someone = server.createAccount("someone", "password of someone", AccountKind.PERSON);
        inACall(someone, judy.account());

        Sipp.Result busy = dial(ivan, judy, "uac-busy.xml");   // refused before any phone of judy's rings
        assertThat(busy.succeeded()).as(busy.output()).isTrue();
        assertThat(busy.output()).contains("SIP/2.0 486 Busy: at most 1 calls at once");
    }
}
