package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.api.push.apns.ApnsStandIn;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.sip.RawPhone;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 14 item 4 end to end on the all-in-one server: an iPhone app registers over SIP with RFC 8599 pn-*
 * parameters and goes to sleep; a call to it becomes a VoIP push that reaches Pushy's MockApnsServer through the
 * server's own push dispatcher (topic {@code <bundle>.voip}, the device token, no text), the woken app registers
 * again, the INVITE is forked to it and the call is established. A token Apple calls gone ends the call 480.
 */
class SipPushAppTest {

    static final String DOMAIN = "ring.test";
    static final String VOIP_PARAM = PushTestCredentials.APNS_TEAM_ID + "." + PushTestCredentials.APNS_TOPIC + ".voip";

    @TempDir
    static Path dataDir;

    static ApnsStandIn apple;
    static ConfigurableApplicationContext server;
    static int sipPort;

    @BeforeAll
    static void start() throws Exception {
        apple = new ApnsStandIn();
        server = LoopbackServer.launch(dataDir, DOMAIN,
                "SWITCHBOARD_ROLES", "api,sip",
                "SWITCHBOARD_SIP_BIND", "127.0.0.1",
                "SWITCHBOARD_SIP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_UDP_PORT", "0",
                "SWITCHBOARD_SIP_TCP_PORT", "-1",
                "SWITCHBOARD_SIP_TLS_PORT", "-1",
                "SWITCHBOARD_SIP_WS_PORT", "-1",
                "SWITCHBOARD_SIP_WSS_PORT", "-1",
                "SWITCHBOARD_SIP_PUSH_WAIT_SECONDS", "20",
                "SWITCHBOARD_APNS_KEY_PATH", PushTestCredentials.apnsKeyPath().toString(),
                "SWITCHBOARD_APNS_KEY_ID", PushTestCredentials.APNS_KEY_ID,
                "SWITCHBOARD_APNS_TEAM_ID", PushTestCredentials.APNS_TEAM_ID,
                "SWITCHBOARD_APNS_TOPIC", PushTestCredentials.APNS_TOPIC,
                "SWITCHBOARD_APNS_SERVER", apple.server(),
                "SWITCHBOARD_APNS_TRUST_PATH", apple.trustPath().toString());
        AccountStore accounts = server.getBean(AccountStore.class);
        for (String name : List.of("romeo", "juliet", "tybalt")) {
            accounts.create(name, name + "-password-1", AccountKind.PERSON, Set.of()).block();
        }
        sipPort = server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("sip") && e.transport().equals("udp")).findFirst().orElseThrow().port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (apple != null) {
            apple.close();
        }
    }

    private static RawPhone phone(String user) throws Exception {
        return new RawPhone(sipPort, DOMAIN, user, user + "-password-1");
    }

    private static String pushContact(RawPhone phone, String token) {
        return "sip:" + phone.user + "@127.0.0.1:" + phone.port() + ";pn-provider=apns;pn-prid=" + token + ";pn-param=" + VOIP_PARAM;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<ApnsStandIn.Received> pushesTo(String token, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        List<ApnsStandIn.Received> pushes = List.of();
        while (pushes.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            pushes = apple.received().stream().filter(push -> push.headers().get(":path").equals("/3/device/" + token)).toList();
        }
        return pushes;
    }

    @Test
    void aCallToASleepingIphoneIsAVoipPushThenTheWokenPhoneTakesTheCall() throws Exception {
        String token = token();
        apple.allow(token);
        try (RawPhone asleep = phone("romeo")) {
            assertThat(asleep.register(pushContact(asleep, token), "", "reg-" + UUID.randomUUID()))
                    .startsWith("SIP/2.0 200").contains("Feature-Caps: *;+sip.pns=\"apns\"");
        }
        try (RawPhone juliet = phone("juliet"); RawPhone woken = phone("romeo")) {
            RawPhone.Call call = juliet.call("romeo", "balcony-" + UUID.randomUUID());
            assertThat(juliet.await(m -> m.startsWith("SIP/2.0 180"), Duration.ofSeconds(20))).as("180 while the phone wakes").isNotNull();

            List<ApnsStandIn.Received> pushes = pushesTo(token, Duration.ofSeconds(20));
            assertThat(pushes).hasSize(1);
            ApnsStandIn.Received push = pushes.get(0);
            assertThat(push.headers()).containsEntry("apns-topic", PushTestCredentials.APNS_TOPIC + ".voip")
                    .containsEntry("apns-push-type", "voip").containsEntry("apns-priority", "10");
            JsonNode payload = new ObjectMapper().readTree(push.payload());
            assertThat(payload.get("sb_type").asString()).isEqualTo("call");
            assertThat(payload.get("sb_from").asString()).isEqualTo("juliet@" + DOMAIN);
            assertThat(payload.get("sb_call_id").asString()).isEqualTo(call.callId());
            assertThat(payload.path("aps").path("alert").isMissingNode()).as("a VoIP push shows no text").isTrue();
            assertThat(apple.accepted()).contains(push);

            assertThat(woken.register(pushContact(woken, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            String invite = woken.await(m -> m.startsWith("INVITE "), Duration.ofSeconds(20));
            assertThat(invite).as("the INVITE reached the woken phone").isNotNull();
            woken.answer(invite, 200, "OK");
            String ok = juliet.await(m -> m.startsWith("SIP/2.0 200") && m.contains(" INVITE"), Duration.ofSeconds(20));
            assertThat(ok).as("juliet got romeo's answer").isNotNull();
            juliet.ackAnswer(call, ok);
            assertThat(woken.await(m -> m.startsWith("ACK "), Duration.ofSeconds(20))).as("the call is established").isNotNull();
        }
    }

    @Test
    void aTokenAppleCallsGoneEndsTheCallWith480AndIsForgotten() throws Exception {
        String token = token();
        apple.allow(token);
        apple.unregister(token);
        try (RawPhone asleep = phone("tybalt")) {
            assertThat(asleep.register(pushContact(asleep, token), "", "reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
        try (RawPhone juliet = phone("juliet")) {
            juliet.call("tybalt", "duel-" + UUID.randomUUID());
            assertThat(juliet.await(m -> m.startsWith("SIP/2.0 4") && m.contains(" INVITE"), Duration.ofSeconds(20))).startsWith("SIP/2.0 480");
        }
        assertThat(server.getBean(DatabaseClient.class).sql("SELECT count(*) AS n FROM sip_registrations WHERE pn_prid = :t")
                .bind("t", token).map(row -> row.get("n", Long.class)).one().block()).isZero();
    }
}
