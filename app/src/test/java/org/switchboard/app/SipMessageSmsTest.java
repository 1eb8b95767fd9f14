package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.testing.OutsidePeers;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.pairing.PairingClient;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.sip.RawPhone;

/**
 * Texting from a softphone (issue 14 item 5) on the all-in-one server: sipp registers and sends a MESSAGE
 * (RFC 3428) to a +E164 number; it is answered 202 only once it is in the SMS outbox, and the paired host core
 * (the real one, with a recorded radio) is handed the text — the same path as an XMPP message to
 * {@code +…@sms.<domain>}. A MESSAGE to an account without a registered phone reaches its XMPP session, or
 * waits in its offline store. A person who chose SIP for SMS ({@code PATCH /api/v1/account}) gets an incoming
 * SMS as a MESSAGE on the registered phone, or as chat when no phone is registered.
 */
@SuppressWarnings("unchecked")
class SipMessageSmsTest {

    private static final Path SIPP = Path.of("/usr/bin/sipp");
    private static final String DOMAIN = "texts.test";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static WebTestClient http;

    @BeforeAll
    static void start() {
        server = LoopbackServer.launch(dataDir, DOMAIN,
                "SWITCHBOARD_ROLES", "xmpp,api,sip",
                "SWITCHBOARD_SMS_SWEEP_SECONDS", "600",
                "SWITCHBOARD_SIP_BIND", "127.0.0.1",
                "SWITCHBOARD_SIP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_UDP_PORT", "0",
                "SWITCHBOARD_SIP_TCP_PORT", "0",
                "SWITCHBOARD_SIP_TLS_PORT", "0",
                // no WebSocket listeners: their default ports are fixed, and texting does not need them
                "SWITCHBOARD_SIP_WS_PORT", "-1",
                "SWITCHBOARD_SIP_WSS_PORT", "-1",
                // sipp answers only the first challenge and knows only MD5
                "SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "MD5");
        http = LoopbackServer.http(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void sipp() {
        OutsidePeers.require(Files.isExecutable(SIPP), "sipp (apt-get install sip-tester)");
    }

    @Test
    void aMessageToANumberIsQueuedAndReachesTheHostsRadio() throws Exception {
        Account alice = person("alice");
        RecordingRadio radio = new RecordingRadio("+15551150001");
        try (HostCore host = pairedHost("alice", radio)) {
            host.start();
            awaitHostOnline(alice);
            int port = freeUdpPort();
            assertSipp("register.xml", port, List.of("-s", "alice", "-au", "alice", "-ap", "alice-password-1"));

            assertSipp("uac-message.xml", port, List.of("-s", "+15557654321", "-key", "caller", "alice", "-key", "text",
                    "texting from a softphone", "-au", "alice", "-ap", "alice-password-1"));

            // 202 came after the commit: the row is there now, queued or already handed to the host
            List<String> rows = db().sql("SELECT conversation, body, state, xmpp_sender FROM sms_messages WHERE owner_id = :owner")
                    .bind("owner", alice.id())
                    .map(row -> row.get("conversation", String.class) + "|" + row.get("body", String.class) + "|" + row.get("xmpp_sender", String.class))
                    .all().collectList().block(Duration.ofSeconds(30));
            assertThat(rows).containsExactly("+15557654321|texting from a softphone|null");
            SendRequest sent = radio.firstSent.get(30, TimeUnit.SECONDS);
            assertThat(sent.to()).isEqualTo("+15557654321");
            assertThat(sent.parts()).containsExactly("texting from a softphone");
        }
    }

    @Test
    void aMessageToAnAccountWithoutAPhoneReachesItsXmppSession() throws Exception {
        person("carol");
        person("dave");
        try (XmppClients.Client dave = XmppClients.login(server, "dave", "dave-password-1")) {
            CompletableFuture<Message> got = new CompletableFuture<>();
            dave.connection().addAsyncStanzaListener(stanza -> got.complete((Message) stanza), StanzaTypeFilter.MESSAGE);

            assertSipp("uac-message.xml", freeUdpPort(), List.of("-s", "dave", "-key", "caller", "carol", "-key", "text",
                    "from carol's softphone", "-au", "carol", "-ap", "carol-password-1"));

            Message message = got.get(30, TimeUnit.SECONDS);
            assertThat(message.getFrom().toString()).isEqualTo("carol@" + DOMAIN);
            assertThat(message.getType()).isEqualTo(Message.Type.chat);
            assertThat(message.getBody()).isEqualTo("from carol's softphone");
        }
    }

    @Test
    void aMessageToAnAccountThatIsOfflineWaitsInItsOfflineStore() throws Exception {
        person("erin");
        person("frank");
        assertSipp("uac-message.xml", freeUdpPort(), List.of("-s", "frank", "-key", "caller", "erin", "-key", "text",
                "while you were out", "-au", "erin", "-ap", "erin-password-1"));

        CompletableFuture<Message> got = new CompletableFuture<>();
        try (XmppClients.Client frank = XmppClients.login(server, "frank", "frank-password-1")) {
            frank.connection().addAsyncStanzaListener(stanza -> {
                Message message = (Message) stanza;
                if (message.getBody() != null) {
                    got.complete(message);
                }
            }, StanzaTypeFilter.MESSAGE);
            frank.connection().sendStanza(frank.connection().getStanzaFactory().buildPresenceStanza().build());
            Message message = got.get(30, TimeUnit.SECONDS);
            assertThat(message.getFrom().asBareJid().toString()).isEqualTo("erin@" + DOMAIN);
            assertThat(message.getBody()).isEqualTo("while you were out");
        }
    }

    @Test
    void anIncomingSmsReachesTheRegisteredPhoneOfAPersonWhoChoseSip() throws Exception {
        Account grace = person("grace");
        assertThat(patchSmsDelivery("grace", "sip")).isEqualTo("sip");
        RecordingRadio radio = new RecordingRadio("+15551150002");
        try (HostCore host = pairedHost("grace", radio); RawPhone phone = new RawPhone(sipPort(), DOMAIN, "grace", "grace-password-1")) {
            host.start();
            awaitHostOnline(grace);
            assertThat(phone.register("sip:grace@127.0.0.1:" + phone.port(), "", "reg-grace")).startsWith("SIP/2.0 200");

            radio.receive(InboundSms.of("+15557654321", 1, "an SMS for your softphone", Instant.now()));

            String message = phone.await(m -> m.startsWith("MESSAGE "), Duration.ofSeconds(30));
            assertThat(message).as("the MESSAGE").isNotNull();
            assertThat(RawPhone.header(message, "From")).contains("<sip:+15557654321@" + DOMAIN + ">");
            assertThat(RawPhone.header(message, "Content-Type")).containsIgnoringCase("text/plain");
            assertThat(message).endsWith("\r\n\r\nan SMS for your softphone");
            phone.answer(message, 200, "OK");
            awaitRouted(grace, "an SMS for your softphone");
        }
    }

    @Test
    void anIncomingSmsForAPersonWhoChoseSipWithoutAPhoneGoesAsChat() throws Exception {
        Account heidi = person("heidi");
        assertThat(patchSmsDelivery("heidi", "sip")).isEqualTo("sip");
        RecordingRadio radio = new RecordingRadio("+15551150003");
        try (HostCore host = pairedHost("heidi", radio); XmppClients.Client laptop = XmppClients.login(server, "heidi", "heidi-password-1")) {
            CompletableFuture<Message> got = new CompletableFuture<>();
            laptop.connection().addAsyncStanzaListener(stanza -> {
                Message message = (Message) stanza;
                if ("still reaches you".equals(message.getBody())) {
                    got.complete(message);
                }
            }, StanzaTypeFilter.MESSAGE);
            host.start();
            awaitHostOnline(heidi);

            radio.receive(InboundSms.of("+15557654321", 1, "still reaches you", Instant.now()));

            assertThat(got.get(30, TimeUnit.SECONDS).getFrom().toString()).isEqualTo("+15557654321@sms." + DOMAIN);
        }
    }

    @Test
    void theSmsDeliverySettingIsValidated() {
        person("ivan");
        String token = token("ivan");
        http.patch().uri("/api/v1/account").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sms_delivery", "carrier-pigeon")).exchange().expectStatus().isBadRequest();
        assertThat(http.patch().uri("/api/v1/account").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody())
                .containsEntry("sms_delivery", "xmpp");
        http.patch().uri("/api/v1/account").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sms_delivery", "sip")).exchange().expectStatus().isUnauthorized();
    }

    private static String patchSmsDelivery(String user, String delivery) {
        return (String) http.patch().uri("/api/v1/account").headers(h -> h.setBearerAuth(token(user))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sms_delivery", delivery)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("sms_delivery");
    }

    private static String token(String user) {
        return (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", user + "-password-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    /** The incoming SMS is stored and marked handed over (by SIP here; the chat would have been the other way). */
    private static void awaitRouted(Account owner, String body) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Long routed = db().sql("SELECT count(*) AS n FROM sms_messages WHERE owner_id = :owner AND direction = 'in' AND body = :body"
                            + " AND routed_at IS NOT NULL")
                    .bind("owner", owner.id()).bind("body", body).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(30));
            if (routed != null && routed == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the incoming SMS was never marked routed");
    }

    private static Account person(String name) {
        return server.getBean(AccountStore.class).create(name, name + "-password-1", AccountKind.PERSON, Set.of()).block();
    }

    private static DatabaseClient db() {
        return server.getBean(DatabaseClient.class);
    }

    /** Pairs a host for {@code owner} over the REST API; the host core connects to the XMPP port on loopback. */
    private static HostCore pairedHost(String owner, RecordingRadio radio) throws Exception {
        String token = token(owner);
        String qr = (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Phone")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("qr");
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(qr);
        HostCredentials paired = PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link);
        HostCredentials onLoopback = new HostCredentials(paired.hostId(), paired.jid(), paired.password(), "127.0.0.1", paired.xmppPort(),
                paired.gateway(), paired.tlsSha256());
        return new HostCore(HostSettings.defaults(onLoopback, onLoopback.trust(), Files.createTempDirectory(dataDir, "host"), "sip-test"),
                radio);
    }

    /** The host said hello: its SIM is known, so the outbox has somewhere to send from. */
    private static void awaitHostOnline(Account owner) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Long sims = db().sql("SELECT count(*) AS n FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id WHERE h.owner_id = :owner")
                    .bind("owner", owner.id()).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(30));
            if (sims != null && sims > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the host of " + owner.localpart() + " never said hello");
    }

    private static int sipPort() {
        return server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("sip") && e.transport().equals("udp"))
                .findFirst().orElseThrow().port();
    }

    private static void assertSipp(String scenario, int localPort, List<String> extra) throws Exception {
        Path work = Files.createTempDirectory(dataDir, "sipp");
        List<String> command = new ArrayList<>(List.of(SIPP.toString(), "-sf",
                Path.of(SipMessageSmsTest.class.getResource("/sipp/" + scenario).toURI()).toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-t", "u1", "-m", "1", "-timeout", "30s", "-timeout_error",
                "-nostdin", "-trace_err", "-trace_msg", "-key", "domain", DOMAIN));
        command.addAll(extra);
        command.add("127.0.0.1:" + sipPort());
        Process sipp = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile()).start();
        assertThat(sipp.waitFor(60, TimeUnit.SECONDS)).isTrue();
        StringBuilder output = new StringBuilder();
        try (var files = Files.list(work)) {
            for (Path file : files.sorted().toList()) {
                output.append("== ").append(file.getFileName()).append('\n').append(Files.readString(file)).append('\n');
            }
        }
        assertThat(sipp.exitValue()).as(scenario + ":\n" + output).isZero();
    }

    private static int freeUdpPort() throws java.io.IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
