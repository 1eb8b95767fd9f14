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
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.sip.push.SipPush;

/**
 * RFC 8599 in the registrar and the proxy: contacts registered with pn-* parameters, 555 and Feature-Caps, and
 * calls to a sleeping phone — pushed, 180 meanwhile, forked to it once it registers again, 480 when it does not,
 * 487 when the caller cancels. The push service is a recording one here; {@code SipPushAppTest} in the app
 * module runs the same call through the real dispatcher to a stand-in Apple.
 */
class PushCallTest {

    static final String VOIP_PARAM = "TEAM123456.org.example.phone.voip";
    private static final RecordingPushService pushes = new RecordingPushService();
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        // long enough for a woken phone's two digest REGISTERs on a loaded machine, short enough for the 480 tests
        server = new SipTestServer(SipTestServer.settings().withPushWait(Duration.ofSeconds(8)),
                new SipPush(pushes, Set.of(PushPlatform.APNS, PushPlatform.FCM), Set.of("org.example.phone")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String pushContact(RawPhone phone, String token) {
        return "sip:" + phone.user + "@127.0.0.1:" + phone.port() + ";pn-provider=apns;pn-prid=" + token + ";pn-param=" + VOIP_PARAM;
    }

    private static RawPhone phone(Account account) throws Exception {
        return new RawPhone(server.gateway().udpPort(), account.localpart(), "password-" + account.localpart().substring(0, 3));
    }

    private static Account account(String prefix) {
        return server.createAccount(prefix, "password-" + prefix, AccountKind.PERSON);
    }

    @Test
    void aPushContactIsStoredAndAnsweredWithFeatureCaps() throws Exception {
        Account alice = account("ali");
        String token = token();
        try (RawPhone phone = phone(alice)) {
            String ok = phone.register(pushContact(phone, token), "", "reg-" + UUID.randomUUID());
            assertThat(ok).startsWith("SIP/2.0 200").contains("Feature-Caps: *;+sip.pns=\"apns\"").doesNotContain("pnsreg");

            String refreshing = phone.register(pushContact(phone, token), ";+sip.pnsreg", "reg-" + UUID.randomUUID());
            assertThat(refreshing).startsWith("SIP/2.0 200").contains("+sip.pns=\"apns\";+sip.pnsreg=\"120\"");
        }
        assertThat(TestDatabase.client().sql("SELECT pn_provider, pn_prid, pn_param, pn_self_refresh FROM sip_registrations r "
                        + "JOIN accounts a ON a.id = r.account_id WHERE a.localpart = :l").bind("l", alice.localpart())
                .map(row -> row.get("pn_provider", String.class) + "|" + row.get("pn_prid", String.class) + "|"
                        + row.get("pn_param", String.class) + "|" + row.get("pn_self_refresh", Boolean.class))
                .all().collectList().block())
                .as("one binding per device, whatever its URI: the second REGISTER replaced the first")
                .containsExactly("apns|" + token + "|" + VOIP_PARAM + "|true");
    }

    @Test
    void anUnknownProviderIs555WithTheSupportedOnesAndMalformedParametersAre400() throws Exception {
        Account bob = account("bob");
        try (RawPhone phone = phone(bob)) {
            String base = "sip:" + bob.localpart() + "@127.0.0.1:" + phone.port();
            String refused = phone.register(base + ";pn-provider=webpush;pn-prid=abc;pn-param=x", "", "reg-" + UUID.randomUUID());
            assertThat(refused).startsWith("SIP/2.0 555 Push Notification Service Not Supported")
                    .contains("Feature-Caps: *;+sip.pns=\"apns\"").contains("Feature-Caps: *;+sip.pns=\"fcm\"");

            assertThat(phone.register(base + ";pn-provider=apns;pn-prid=nothex;pn-param=" + VOIP_PARAM, "", "reg-" + UUID.randomUUID()))
                    .startsWith("SIP/2.0 400").contains("pn-prid");
            assertThat(phone.register(base + ";pn-provider=apns;pn-prid=" + token() + ";pn-param=org.example.phone", "", "reg-" + UUID.randomUUID()))
                    .startsWith("SIP/2.0 400").contains("pn-param");
            assertThat(phone.register(base + ";pn-provider=apns;pn-prid=" + token() + ";pn-param=TEAM123456.org.other.app.voip", "",
                    "reg-" + UUID.randomUUID())).as("an app this server does not push to").startsWith("SIP/2.0 400").contains("org.other.app");

            // a question: which services are there? Answered, and the contact registered without push
            String query = phone.register(base + ";pn-provider", "", "reg-" + UUID.randomUUID());
            assertThat(query).startsWith("SIP/2.0 200").contains("+sip.pns=\"apns\"").contains("+sip.pns=\"fcm\"");
        }
    }

    @Test
    void aCallWakesTheSleepingPhoneWhichRegistersAgainAndTakesTheCall() throws Exception {
        Account callee = account("cal");
        Account caller = account("car");
        String token = token();
        try (RawPhone asleep = phone(callee)) {
            assertThat(asleep.register(pushContact(asleep, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }   // the app is suspended: its socket is gone
        try (RawPhone calling = phone(caller); RawPhone woken = phone(callee)) {
            RawPhone.Call call = calling.call(callee.localpart(), "push-call-" + UUID.randomUUID());
            assertThat(calling.await(m -> m.startsWith("SIP/2.0 180"), Duration.ofSeconds(10))).as("180 while the phone wakes").isNotNull();

            assertThat(pushes.to(token)).hasSize(1);
            RecordingPushService.Sent push = pushes.to(token).get(0);
            assertThat(push.target().platform()).isEqualTo(PushPlatform.APNS);
            assertThat(push.target().kind()).isEqualTo(PushKind.VOIP);
            assertThat(push.target().appId()).isEqualTo("org.example.phone");
            assertThat(push.content()).isEqualTo(PushContent.call(caller.localpart() + "@" + SipTestServer.DOMAIN, call.callId()));

            // another phone of the callee refreshes meanwhile: the sleeping phone's binding on file is not a sign it woke
            try (RawPhone desk = phone(callee)) {
                assertThat(desk.register("sip:" + desk.user + "@127.0.0.1:" + desk.port(), "", "reg-" + UUID.randomUUID()))
                        .startsWith("SIP/2.0 200");
            }

            // woken, the app registers again from a new socket; the call is forked to it
            assertThat(woken.register(pushContact(woken, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            String invite = woken.await(m -> m.startsWith("INVITE "), Duration.ofSeconds(10));
            assertThat(invite).as("the INVITE reached the woken phone").isNotNull()
                    .startsWith("INVITE sip:" + callee.localpart() + "@127.0.0.1:" + woken.port() + " SIP/2.0").doesNotContain("pn-prid");
            woken.answer(invite, 200, "OK");

            String ok = calling.await(m -> m.startsWith("SIP/2.0 200") && m.contains(" INVITE"), Duration.ofSeconds(10));
            assertThat(ok).as("the caller got the answer").isNotNull();
            calling.ackAnswer(call, ok);
            assertThat(woken.await(m -> m.startsWith("ACK "), Duration.ofSeconds(10))).as("the call is established").isNotNull();
        }
        assertThat(noCallWaits()).isTrue();
    }

    /** Whether the gateway stopped waiting for any phone (it does so just after it answered the caller). */
    private static boolean noCallWaits() throws InterruptedException {
        for (int i = 0; i < 100 && server.gateway().woken().waiting() > 0; i++) {
            Thread.sleep(50);
        }
        return server.gateway().woken().waiting() == 0;
    }

    @Test
    void aPhoneThatDoesNotRegisterAgainInTimeIs480AndSurvivesARestart() throws Exception {
        Account callee = account("sle");
        Account caller = account("imp");
        String token = token();
        try (RawPhone asleep = phone(callee)) {
            assertThat(asleep.register(pushContact(asleep, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
        server.restart();   // the push binding is stored, not held in memory
        try (RawPhone calling = phone(caller)) {
            calling.call(callee.localpart(), "push-call-" + UUID.randomUUID());
            String answer = calling.await(m -> m.startsWith("SIP/2.0 4"), Duration.ofSeconds(30));
            assertThat(answer).startsWith("SIP/2.0 480");
        }
        assertThat(pushes.to(token)).hasSize(1);
    }

    @Test
    void aCancelWhileThePhoneWakesIs487AndTheWaitEnds() throws Exception {
        Account callee = account("can");
        Account caller = account("cel");
        String token = token();
        try (RawPhone asleep = phone(callee)) {
            assertThat(asleep.register(pushContact(asleep, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
        try (RawPhone calling = phone(caller); RawPhone woken = phone(callee)) {
            RawPhone.Call call = calling.call(callee.localpart(), "push-call-" + UUID.randomUUID());
            assertThat(calling.await(m -> m.startsWith("SIP/2.0 180"), Duration.ofSeconds(10))).isNotNull();
            calling.cancel(call);
            assertThat(calling.await(m -> m.startsWith("SIP/2.0 200") && m.contains(" CANCEL"), Duration.ofSeconds(10))).isNotNull();
            assertThat(calling.await(m -> m.contains(" INVITE") && !m.startsWith("SIP/2.0 1"), Duration.ofSeconds(10)))
                    .startsWith("SIP/2.0 487");
            assertThat(noCallWaits()).isTrue();

            // the phone wakes late: no call reaches it any more
            assertThat(woken.register(pushContact(woken, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            assertThat(woken.await(m -> m.startsWith("INVITE "), Duration.ofSeconds(3))).isNull();
        }
    }

    @Test
    void aLapsedPushBindingIsStillWokenUnlessThePhoneRefreshesItselfAndAGoneTokenIsForgotten() throws Exception {
        Account callee = account("lap");
        Account selfRefreshing = account("sel");
        Account caller = account("who");
        String remembered = token();
        String refreshing = token();
        try (RawPhone a = phone(callee); RawPhone b = phone(selfRefreshing)) {
            assertThat(a.register(pushContact(a, remembered), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            assertThat(b.register(pushContact(b, refreshing), ";+sip.pnsreg", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
        // both registrations lapse (the phones slept through their refresh)
        TestDatabase.client().sql("UPDATE sip_registrations SET expires_at = now() - interval '1 minute' "
                        + "WHERE pn_prid IN (:a, :b)").bind("a", remembered).bind("b", refreshing).fetch().rowsUpdated().block();
        pushes.outcomes.put(remembered, PushOutcome.TOKEN_REMOVED);
        try (RawPhone calling = phone(caller)) {
            calling.call(callee.localpart(), "push-call-" + UUID.randomUUID());
            assertThat(calling.await(m -> m.startsWith("SIP/2.0 4"), Duration.ofSeconds(20))).startsWith("SIP/2.0 480");
            assertThat(pushes.to(remembered)).as("the remembered binding was pushed").hasSize(1);

            calling.call(selfRefreshing.localpart(), "push-call-" + UUID.randomUUID());
            assertThat(calling.await(m -> m.startsWith("SIP/2.0 4"), Duration.ofSeconds(20))).startsWith("SIP/2.0 480");
            assertThat(pushes.to(refreshing)).as("a phone that promised to refresh itself and did not is gone").isEmpty();
        }
        assertThat(TestDatabase.client().sql("SELECT count(*) AS n FROM sip_registrations WHERE pn_prid = :t").bind("t", remembered)
                .map(row -> row.get("n", Long.class)).one().block()).as("the token the service called gone was forgotten").isZero();
    }

    @Test
    void theSweepDropsLapsedBindingsButKeepsRememberedPushBindings() throws Exception {
        Account carol = account("swe");
        String token = token();
        try (RawPhone push = phone(carol); RawPhone desk = phone(carol)) {
            assertThat(push.register(pushContact(push, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            assertThat(desk.register("sip:" + desk.user + "@127.0.0.1:" + desk.port(), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
        TestDatabase.client().sql("UPDATE sip_registrations SET expires_at = now() - interval '1 minute' WHERE account_id = :a")
                .bind("a", carol.id()).fetch().rowsUpdated().block();
        // (the gateway's own sweep may have run first; what is left is what counts)
        server.gateway().location().sweep(java.time.Instant.now()).block();
        assertThat(TestDatabase.client().sql("SELECT pn_prid FROM sip_registrations WHERE account_id = :a").bind("a", carol.id())
                .map(row -> String.valueOf(row.get("pn_prid", String.class))).all().collectList().block())
                .as("the desk phone's lapsed binding went, the push binding is remembered").containsExactly(token);
    }
}
