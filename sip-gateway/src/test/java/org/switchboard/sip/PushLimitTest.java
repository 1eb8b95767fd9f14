package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.sip.limits.SipLimits;
import org.switchboard.sip.push.SipPush;

/**
 * The per-caller push limit (ADR 0043): with one VoIP push per caller and callee per minute, a caller who hangs up
 * and dials again does not wake the sleeping phone a second time (that attempt ends 480 without a push), while
 * another caller still can.
 */
class PushLimitTest {

    private static final RecordingPushService pushes = new RecordingPushService();
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withPushWait(Duration.ofSeconds(30))
                .withLimits(SipLimits.OFF.withPushesPerMinute(1)),
                new SipPush(pushes, Set.of(PushPlatform.APNS), Set.of("org.example.phone")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawPhone phone(Account account) throws Exception {
        return new RawPhone(server.gateway().udpPort(), account.localpart(), "password-" + account.localpart().substring(0, 3));
    }

    private static Account account(String prefix) {
        return server.createAccount(prefix, "password-" + prefix, AccountKind.PERSON);
    }

    /** Calls {@code callee}; the first final answer once it rang or was refused, cancelling it if it rings. */
    private static String callAndHangUp(Account caller, Account callee) throws Exception {
        try (RawPhone calling = phone(caller)) {
            RawPhone.Call call = calling.call(callee.localpart(), "push-limit-" + UUID.randomUUID());
            String first = calling.await(m -> m.startsWith("SIP/2.0 180") || (m.startsWith("SIP/2.0 4") && m.contains(" INVITE")),
                    Duration.ofSeconds(20));
            if (first != null && first.startsWith("SIP/2.0 180")) {
                calling.cancel(call);
                return calling.await(m -> m.contains(" INVITE") && !m.startsWith("SIP/2.0 1"), Duration.ofSeconds(20));
            }
            return first;
        }
    }

    @Test
    void aCallerCannotWakeTheSamePhoneMoreOftenThanTheLimit() throws Exception {
        Account callee = account("sle");
        Account pest = account("pes");
        Account friend = account("fri");
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        try (RawPhone asleep = phone(callee)) {
            String contact = "sip:" + asleep.user + "@127.0.0.1:" + asleep.port() + ";pn-provider=apns;pn-prid=" + token
                    + ";pn-param=" + PushCallTest.VOIP_PARAM;
            assertThat(asleep.register(contact, "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }

        assertThat(callAndHangUp(pest, callee)).as("the first call rings (pushed) and is cancelled").startsWith("SIP/2.0 487");
        assertThat(pushes.to(token)).hasSize(1);

        assertThat(callAndHangUp(pest, callee)).as("the second within the minute is not pushed").startsWith("SIP/2.0 480");
        assertThat(pushes.to(token)).hasSize(1);
        assertThat(server.meters.get("switchboard.sip.pushes.limited").counter().count()).isEqualTo(1.0);

        assertThat(callAndHangUp(friend, callee)).as("another caller still wakes the phone").startsWith("SIP/2.0 487");
        assertThat(pushes.to(token)).hasSize(2);
    }
}
