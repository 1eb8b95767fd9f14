package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 17's first point over the REST API, on the all-in-one server: an admin's lock or deletion and the
 * owner's new password end the account's live XMPP sessions, and the old credentials no longer log in.
 */
class AccountChangesOverRestTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static WebTestClient http;
    static String admin;

    @BeforeAll
    static void start() {
        server = LoopbackServer.launch(dataDir, "changes.test");
        http = LoopbackServer.http(server);
        admin = login("admin", "admin-password-1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminLockEndsTheSessionAndTheNextLoginIsRefused() throws Exception {
        createUser("bob", "bob-password-12");
        XMPPTCPConnection bob = XmppClients.login(server, "bob", "bob-password-12").connection();
        CompletableFuture<StreamError.Condition> ended = endedWith(bob);

        http.patch().uri("/api/v1/admin/users/bob").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("locked", true)).exchange().expectStatus().isOk();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.not_authorized);
        assertThatThrownBy(() -> XmppClients.login(server, "bob", "bob-password-12")).isInstanceOf(SASLErrorException.class);
    }

    @Test
    void theOwnersNewPasswordEndsTheSessionsOpenedWithTheOldOne() throws Exception {
        createUser("carol", "carol-password-1");
        XMPPTCPConnection carol = XmppClients.login(server, "carol", "carol-password-1").connection();
        CompletableFuture<StreamError.Condition> ended = endedWith(carol);

        http.put().uri("/api/v1/account/password").headers(h -> h.setBearerAuth(login("carol", "carol-password-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("old_password", "carol-password-1", "new_password", "carol-password-2"))
                .exchange().expectStatus().isOk();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.reset);
        assertThatThrownBy(() -> XmppClients.login(server, "carol", "carol-password-1")).isInstanceOf(SASLErrorException.class);
        XmppClients.login(server, "carol", "carol-password-2").close();
    }

    @Test
    void anAdminDeletionEndsTheSession() throws Exception {
        createUser("dave", "dave-password-12");
        XMPPTCPConnection dave = XmppClients.login(server, "dave", "dave-password-12").connection();
        CompletableFuture<StreamError.Condition> ended = endedWith(dave);

        http.method(HttpMethod.DELETE).uri("/api/v1/admin/users/dave").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNoContent();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.not_authorized);
    }

    private static void createUser(String name, String password) {
        http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password)).exchange().expectStatus().isCreated();
    }

    @SuppressWarnings("unchecked")
    private static String login(String name, String password) {
        return (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    private static CompletableFuture<StreamError.Condition> endedWith(XMPPTCPConnection connection) {
        CompletableFuture<StreamError.Condition> ended = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                ended.complete(e instanceof XMPPException.StreamErrorException error ? error.getStreamError().getCondition() : null);
            }

            @Override
            public void connectionClosed() {
                ended.complete(null);
            }
        });
        return ended;
    }
}
