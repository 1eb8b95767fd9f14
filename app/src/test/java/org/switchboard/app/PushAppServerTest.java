package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.push_notifications.PushNotificationsManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.api.push.apns.ApnsStandIn;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.tls.TlsCertificate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 12 end to end on the all-in-one server: an iPhone app registers its APNs token over REST, enables
 * XEP-0357 at {@code push.<domain>} with the node it got, and its connection drops (stream management keeps
 * the session, detached). A message from another account then reaches Pushy's MockApnsServer as exactly
 * one alert push, naming the sender and without the text; a message in a group does the same for a member away from it.
 */
@SuppressWarnings("unchecked")
class PushAppServerTest {

    static final String DOMAIN = "ring.test";
    static final String SECRET_TEXT = "meet me at the usual place";

    @TempDir
    static Path dataDir;

    static ApnsStandIn apple;
    static ConfigurableApplicationContext server;
    static WebTestClient http;

    @BeforeAll
    static void start() throws Exception {
        apple = new ApnsStandIn();
        server = LoopbackServer.launch(dataDir, DOMAIN,
                "SWITCHBOARD_APNS_KEY_PATH", PushTestCredentials.apnsKeyPath().toString(),
                "SWITCHBOARD_APNS_KEY_ID", PushTestCredentials.APNS_KEY_ID,
                "SWITCHBOARD_APNS_TEAM_ID", PushTestCredentials.APNS_TEAM_ID,
                "SWITCHBOARD_APNS_TOPIC", PushTestCredentials.APNS_TOPIC,
                "SWITCHBOARD_APNS_SERVER", apple.server(),
                "SWITCHBOARD_APNS_TRUST_PATH", apple.trustPath().toString());
        http = LoopbackServer.http(server);
        AccountStore accounts = server.getBean(AccountStore.class);
        accounts.create("romeo", "romeo-password-1", AccountKind.PERSON, Set.of()).block();
        accounts.create("juliet", "juliet-password-1", AccountKind.PERSON, Set.of()).block();
        accounts.create("mercutio", "mercutio-password-1", AccountKind.PERSON, Set.of()).block();
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

    @Test
    void aMessageToADetachedPhoneIsExactlyOneApnsPushWithTheSenderAndWithoutTheText() throws Exception {
        String token = HexFormat.of().formatHex(new byte[32]).replace("00", "a7");
        apple.allow(token);
        String bearer = login("romeo", "romeo-password-1");
        Map<String, Object> device = http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("platform", "apns", "kind", "alert", "token", token, "device_id", "romeos-iphone",
                        "app_id", PushTestCredentials.APNS_TOPIC))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(device.get("push_jid")).isEqualTo("push." + DOMAIN);

        XMPPTCPConnection phone = connect("romeo", "romeo-password-1");
        assertThat(PushNotificationsManager.getInstanceFor(phone).enable(JidCreate.from("push." + DOMAIN), (String) device.get("node"))).isTrue();
        assertThat(phone.isSmEnabled()).isTrue();
        // the radio goes: no stream close, so the server keeps the session for resumption, detached
        phone.instantShutdown();

        XMPPTCPConnection juliet = connect("juliet", "juliet-password-1");
        juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("romeo@" + DOMAIN))
                .ofType(Message.Type.chat).setBody(SECRET_TEXT).build());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (toToken(apple.accepted(), token).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        // past the server's one-second hold-off twice over, so a second push of the same burst would have arrived
        Thread.sleep(2500);
        List<ApnsStandIn.Received> pushes = toToken(apple.received(), token);
        assertThat(pushes).hasSize(1);
        ApnsStandIn.Received push = pushes.get(0);
        assertThat(push.headers()).containsEntry(":path", "/3/device/" + token).containsEntry("apns-topic", PushTestCredentials.APNS_TOPIC)
                .containsEntry("apns-push-type", "alert");
        assertThat(push.payload()).doesNotContain(SECRET_TEXT).doesNotContain("usual").doesNotContain("meet");
        JsonNode payload = new ObjectMapper().readTree(push.payload());
        assertThat(payload.get("sb_from").asString()).isEqualTo("juliet@" + DOMAIN);
        assertThat(payload.get("sb_count").asInt()).isEqualTo(1);
        assertThat(payload.get("aps").get("alert").get("body").asString()).isEqualTo("New message");
        juliet.disconnect();
    }

    /**
     * Issue 15: a member of a group made over REST whose phone sleeps (its session detached, not in the room) gets one
     * alert push for a message in the group, naming the room, without the text.
     */
    @Test
    void aGroupMessageToAMemberWhosePhoneSleepsIsOneApnsPushNamingTheRoom() throws Exception {
        AccountStore accounts = server.getBean(AccountStore.class);
        accounts.create("nurse", "nurse-password-1", AccountKind.PERSON, Set.of()).block();
        accounts.create("capulet", "capulet-password-1", AccountKind.PERSON, Set.of()).block();
        String token = HexFormat.of().formatHex(new byte[32]).replace("00", "b8");
        apple.allow(token);
        String nurseBearer = login("nurse", "nurse-password-1");
        Map<String, Object> device = http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(nurseBearer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("platform", "apns", "kind", "alert", "token", token, "device_id", "nurses-iphone",
                        "app_id", PushTestCredentials.APNS_TOPIC))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        XMPPTCPConnection phone = connect("nurse", "nurse-password-1");
        assertThat(PushNotificationsManager.getInstanceFor(phone).enable(JidCreate.from("push." + DOMAIN), (String) device.get("node"))).isTrue();
        StanzaCollector invitations = phone.createStanzaCollector(stanza -> stanza instanceof Message message
                && message.hasExtension("x", "jabber:x:conference"));

        String ownerBearer = login("capulet", "capulet-password-1");
        Map<String, Object> group = http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(ownerBearer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Household", "members", List.of("nurse@" + DOMAIN)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        EntityBareJid room = JidCreate.entityBareFrom((String) group.get("jid"));
        // the invitation reaches the phone while it is awake (no push for it), then the radio goes
        org.jivesoftware.smack.packet.Stanza invitation = invitations.nextResult(TimeUnit.SECONDS.toMillis(10));
        assertThat(invitation).isNotNull();
        invitations.cancel();
        phone.instantShutdown();

        XMPPTCPConnection capulet = connect("capulet", "capulet-password-1");
        MultiUserChat chat = MultiUserChatManager.getInstanceFor(capulet).getMultiUserChat(room);
        chat.join(Resourcepart.from("capulet"));
        chat.sendMessage(SECRET_TEXT);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (toToken(apple.accepted(), token).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Thread.sleep(2500); // past the one-second hold-off twice over: a second push of the burst would be here
        List<ApnsStandIn.Received> pushes = toToken(apple.received(), token);
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).payload()).doesNotContain(SECRET_TEXT).doesNotContain("usual").doesNotContain("meet");
        JsonNode payload = new ObjectMapper().readTree(pushes.get(0).payload());
        assertThat(payload.get("sb_from").asString()).isEqualTo(room.toString());
        assertThat(payload.get("sb_count").asInt()).isEqualTo(1);
        capulet.disconnect();
    }

    private static List<ApnsStandIn.Received> toToken(List<ApnsStandIn.Received> pushes, String token) {
        return pushes.stream().filter(push -> ("/3/device/" + token).equals(push.headers().get(":path"))).toList();
    }

    @Test
    void pushDomainIsAPushServiceAndOnlyTheServerMayPublishToIt() throws Exception {
        XMPPTCPConnection juliet = connect("juliet", "juliet-password-1");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(juliet).discoverInfo(JidCreate.from("push." + DOMAIN));
        assertThat(info.hasIdentity("pubsub", "push")).isTrue();
        assertThat(info.containsFeature("urn:xmpp:push:0")).isTrue();

        // a client's forged publish names a node of someone's device: refused, nothing pushed
        int before = apple.received().size();
        org.jivesoftware.smack.packet.IQ publish = new org.jivesoftware.smack.packet.IQ("pubsub", "http://jabber.org/protocol/pubsub") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.rightAngleBracket().append("<publish node='anything'><item id='1'><notification xmlns='urn:xmpp:push:0'>"
                        + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xmpp:push:summary</value></field></x>"
                        + "</notification></item></publish>");
                return xml;
            }
        };
        publish.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        publish.setTo(JidCreate.from("push." + DOMAIN));
        assertThatThrownBy(() -> juliet.sendIqRequestAndWaitForResponse(publish))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.forbidden));
        assertThat(apple.received()).hasSize(before);
        juliet.disconnect();
    }

    @Test
    void aNodeNoDeviceHasIsRefusedAndTheServerDropsThatRegistration() throws Exception {
        XMPPTCPConnection phone = connect("mercutio", "mercutio-password-1");
        assertThat(PushNotificationsManager.getInstanceFor(phone).enable(JidCreate.from("push." + DOMAIN), "a-node-never-registered")).isTrue();
        assertThat(registrations("mercutio")).isEqualTo(1);
        phone.instantShutdown();
        int before = apple.received().size();

        XMPPTCPConnection juliet = connect("juliet", "juliet-password-1");
        juliet.sendStanza(juliet.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("mercutio@" + DOMAIN))
                .ofType(Message.Type.chat).setBody(SECRET_TEXT).build());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (registrations("mercutio") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(registrations("mercutio")).isZero();
        assertThat(apple.received()).hasSize(before);
        juliet.disconnect();
    }

    private static long registrations(String localpart) {
        return server.getBean(org.springframework.r2dbc.core.DatabaseClient.class)
                .sql("SELECT count(*) AS n FROM xmpp_push_registrations r JOIN accounts a ON a.id = r.account_id WHERE a.localpart = :l")
                .bind("l", localpart).map(row -> row.get("n", Long.class)).one().block();
    }

    private static String login(String user, String password) {
        return (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    /** A Smack client with stream management and resumption, as a phone app has. */
    private static XMPPTCPConnection connect(String user, String password) throws Exception {
        int port = server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("xmpp-c2s") && e.transport().equals("starttls")).findFirst().orElseThrow().port();
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(XmppClients.trusting(server.getBean(TlsCertificate.class)))
                .setUsernameAndPassword(user, password)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .build());
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        connection.connect().login();
        return connection;
    }
}
