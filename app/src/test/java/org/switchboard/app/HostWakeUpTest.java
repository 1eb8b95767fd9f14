package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.api.push.fcm.FcmStandIn;
import org.switchboard.api.push.fcm.FcmTransport;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 12 item 4 on the all-in-one server: an SMS host (an Android phone) registers its FCM data token over
 * REST with its own account and goes away; a text its owner queues wakes it with exactly one data push
 * through firebase-admin (to a stand-in for Google, the only simulated part), which carries neither the text
 * nor the number; the host comes back and gets everything queued.
 */
@SuppressWarnings("unchecked")
class HostWakeUpTest {

    private static final String NS = "urn:switchboard:sms-host:0";
    private static final String DOMAIN = "wake.test";
    private static final String SECRET_TEXT = "the spare key is under the mat";

    @TempDir
    static Path dataDir;

    static FcmStandIn google;
    static ConfigurableApplicationContext server;
    static WebTestClient http;
    static String owner;

    @BeforeAll
    static void start() {
        google = new FcmStandIn();
        server = LoopbackServer.launch(Map.of("fcmTransport", new FcmTransport(google)), dataDir, DOMAIN,
                "SWITCHBOARD_FCM_CREDENTIALS", PushTestCredentials.fcmCredentials().toString(),
                "SWITCHBOARD_SMS_SWEEP_SECONDS", "600",
                "SWITCHBOARD_SMS_HOST_WAKE_SECONDS", "600");
        http = LoopbackServer.http(server);
        server.getBean(AccountStore.class).create("alice", "alice-password-1", AccountKind.PERSON, Set.of()).block();
        owner = login("alice", "alice-password-1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String login(String user, String password) {
        return (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    /** The host's session: answers every send command and keeps what it got. */
    private static XmppClients.Client phone(String localpart, String password, LinkedBlockingQueue<String> commands) throws Exception {
        XmppClients.Client phone = XmppClients.login(server, localpart, password);
        phone.connection().registerIQRequestHandler(new AbstractIqRequestHandler("send", NS, IQ.Type.set, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                commands.add(((UnparsedIQ) request).getContent().toString());
                return IQ.createResultIQ(request);
            }
        });
        IQ hello = new IQ("hello", NS) {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.attribute("app-version", "test").rightAngleBracket();
                xml.append("<sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551160001' region='US'/>");
                return xml;
            }
        };
        hello.setType(IQ.Type.set);
        hello.setTo(JidCreate.domainBareFrom("sms." + DOMAIN));
        phone.connection().createStanzaCollectorAndSend(hello).nextResultOrThrow();
        return phone;
    }

    private static String queue(String body) {
        return (String) http.post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", "+15557654321", "body", body)).exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static List<FcmStandIn.Sent> pushesTo(String token, int atLeast) throws InterruptedException {
        for (int i = 0; i < 200 && google.sentTo(token).size() < atLeast; i++) {
            Thread.sleep(50);
        }
        return google.sentTo(token);
    }

    @Test
    void aHostThatIsAwayWhenATextIsQueuedGetsOneDataPushWithoutTheTextAndThenItsQueue() throws Exception {
        String code = (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Drawer phone")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("code");
        Map<String, Object> pairing = http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String localpart = ((String) pairing.get("jid")).split("@")[0];
        String password = (String) pairing.get("password");
        String token = "fcm" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + "x".repeat(120);
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("platform", "fcm");
        registration.put("kind", "data");
        registration.put("token", token);
        registration.put("device_id", "drawer-phone");
        registration.put("app_id", "org.switchboard.host");
        String hostToken = login(localpart, password);
        http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(hostToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration).exchange().expectStatus().is2xxSuccessful();
        LinkedBlockingQueue<String> commands = new LinkedBlockingQueue<>();
        phone(localpart, password, commands).close(); // said hello with its SIM, then dozed off
        assertThat(google.sentTo(token)).as("no push while nothing waits").isEmpty();

        String first = queue(SECRET_TEXT);
        List<FcmStandIn.Sent> pushes = pushesTo(token, 1);
        String second = queue(SECRET_TEXT + " (again)");

        assertThat(pushes).hasSize(1);
        String wire = pushes.get(0).body().toString();
        assertThat(pushes.get(0).body().get("message").get("data").get("sb_type").asString()).isEqualTo("host-wake");
        assertThat(wire).doesNotContain(SECRET_TEXT).doesNotContain("+15557654321").doesNotContain("spare key");
        try (XmppClients.Client back = phone(localpart, password, commands)) {
            String one = commands.poll(15, TimeUnit.SECONDS);
            String two = commands.poll(15, TimeUnit.SECONDS);
            assertThat(one).as("the first queued text").contains(first);
            assertThat(two).as("the second queued text").contains(second);
        }
        assertThat(google.sentTo(token)).as("the second text, within the wake interval, pushed no more").hasSize(1);
    }
}
