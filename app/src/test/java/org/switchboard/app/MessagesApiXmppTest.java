package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * {@code POST /api/v1/messages} on the all-in-one server: the REST API tells the gateway in-process, and
 * the paired phone (a Smack client on the host account) gets the {@code send} command at once — long
 * before the gateway's sweep, which is set to ten minutes here.
 */
@SuppressWarnings("unchecked")
class MessagesApiXmppTest {

    private static final String NS = "urn:switchboard:sms-host:0";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static WebTestClient http;
    static String owner;

    @BeforeAll
    static void start() {
        server = LoopbackServer.launch(dataDir, "texts.test", "SWITCHBOARD_SMS_SWEEP_SECONDS", "600");
        http = LoopbackServer.http(server);
        server.getBean(AccountStore.class).create("alice", "alice-password-1", AccountKind.PERSON, Set.of()).block();
        owner = (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMessagePostedOverRestReachesThePairedPhoneAsASendCommand() throws Exception {
        String code = (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Phone")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("code");
        Map<String, Object> pairing = http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String localpart = ((String) pairing.get("jid")).split("@")[0];

        try (XmppClients.Client phone = XmppClients.login(server, localpart, (String) pairing.get("password"))) {
            CompletableFuture<String> command = new CompletableFuture<>();
            phone.connection().registerIQRequestHandler(new AbstractIqRequestHandler("send", NS, IQ.Type.set, IQRequestHandler.Mode.sync) {
                @Override
                public IQ handleIQRequest(IQ request) {
                    command.complete(request.getFrom() + " " + ((UnparsedIQ) request).getContent());
                    return IQ.createResultIQ(request);
                }
            });
            IQ hello = new IQ("hello", NS) {
                @Override
                protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                    xml.attribute("app-version", "test").rightAngleBracket();
                    xml.append("<sim subscription-id='3' slot='0' carrier='Example Mobile' number='+15551150001' region='US'/>");
                    return xml;
                }
            };
            hello.setType(IQ.Type.set);
            hello.setTo(JidCreate.domainBareFrom("sms.texts.test"));
            phone.connection().createStanzaCollectorAndSend(hello).nextResultOrThrow();

            String id = (String) http.post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("to", "(555) 765-4321", "body", "sent over REST")).exchange().expectStatus().isAccepted()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");

            String received = command.get(10, TimeUnit.SECONDS);
            assertThat(received).startsWith("sms.texts.test ").contains("id='" + id + "'", "subscription-id='3'")
                    .contains("+15557654321", "sent over REST");

            // the phone's result moves the message on; the API shows it
            String state = "queued";
            for (int i = 0; i < 300 && !state.equals("accepted"); i++) { // 30 s at most: a commit and a REST read on a loaded machine
                Thread.sleep(100);
                state = (String) http.get().uri("/api/v1/messages/" + id).headers(h -> h.setBearerAuth(owner)).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("state");
            }
            assertThat(state).isEqualTo("accepted");
        }
    }
}
