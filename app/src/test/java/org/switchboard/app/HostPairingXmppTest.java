package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Host pairing end to end on the all-in-one server: the credentials a phone gets log in over XMPP, the
 * owner sees the host online, and deleting or re-pairing the host ends its live session at once.
 */
@SuppressWarnings("unchecked")
class HostPairingXmppTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static WebTestClient http;
    static String owner;

    @BeforeAll
    static void start() {
        server = LoopbackServer.launch(dataDir, "hosts.test");
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
    void aPairedHostLogsInIsOnlineAndDeletingItEndsItsSession() throws Exception {
        Map<String, Object> created = createHost("Kitchen phone");
        String id = (String) created.get("id");
        Map<String, Object> pairing = pair((String) created.get("code"));
        assertThat(pairing.get("xmpp_host")).isEqualTo("hosts.test");
        assertThat(pairing.get("xmpp_port")).isEqualTo(c2sPort());
        assertThat(pairing.get("gateway")).isEqualTo("sms.hosts.test");
        String localpart = ((String) pairing.get("jid")).split("@")[0];
        String password = (String) pairing.get("password");
        assertThat(online(id)).isFalse();

        try (XmppClients.Client phone = XmppClients.login(server, localpart, password)) {
            assertThat(phone.connection().getUser().asBareJid().toString()).isEqualTo(pairing.get("jid"));
            assertThat(online(id)).isTrue();
            CompletableFuture<Exception> closed = closedOnError(phone);

            http.delete().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isNoContent();

            Exception error = closed.get(10, TimeUnit.SECONDS);
            assertThat(error).isInstanceOfSatisfying(XMPPException.StreamErrorException.class, e ->
                    assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.not_authorized));
            assertThat(phone.connection().isConnected()).isFalse();
        }
        assertThatThrownBy(() -> XmppClients.login(server, localpart, password)).isInstanceOf(SASLErrorException.class);
    }

    @Test
    void pairingAgainEndsTheSessionOfTheOldPassword() throws Exception {
        Map<String, Object> created = createHost("Handed-down phone");
        String id = (String) created.get("id");
        Map<String, Object> first = pair((String) created.get("code"));
        String localpart = ((String) first.get("jid")).split("@")[0];

        try (XmppClients.Client oldPhone = XmppClients.login(server, localpart, (String) first.get("password"))) {
            CompletableFuture<Exception> closed = closedOnError(oldPhone);
            String code = (String) http.post().uri("/api/v1/hosts/" + id + "/code").headers(h -> h.setBearerAuth(owner)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("code");
            Map<String, Object> second = pair(code);

            Exception error = closed.get(10, TimeUnit.SECONDS);
            assertThat(error).isInstanceOfSatisfying(XMPPException.StreamErrorException.class, e ->
                    assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.reset));
            assertThatThrownBy(() -> XmppClients.login(server, localpart, (String) first.get("password")))
                    .isInstanceOf(SASLErrorException.class);
            try (XmppClients.Client newPhone = XmppClients.login(server, localpart, (String) second.get("password"))) {
                assertThat(newPhone.connection().isAuthenticated()).isTrue();
            }
        }
    }

    private static CompletableFuture<Exception> closedOnError(XmppClients.Client client) {
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        client.connection().addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }

            @Override
            public void connectionClosed() {
                closed.complete(null);
            }
        });
        return closed;
    }

    private static Map<String, Object> createHost(String name) {
        return http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Map<String, Object> pair(String code) {
        return http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static boolean online(String id) {
        return (Boolean) http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("online");
    }

    private static int c2sPort() {
        return server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("xmpp-c2s") && e.transport().equals("starttls"))
                .findFirst().orElseThrow().port();
    }

}
