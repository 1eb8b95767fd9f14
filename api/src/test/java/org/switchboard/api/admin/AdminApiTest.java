package org.switchboard.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ApiTest;

class AdminApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    @Test
    void adminCreatesListsChangesAndDeletesUsers() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        String name = uniqueName("newbie");

        http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/v1/admin/users/" + name)
                .expectBody().jsonPath("$.roles").isEmpty().jsonPath("$.status").isEqualTo("active");

        http.get().uri("/api/v1/admin/users?limit=500").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.users[?(@.username == '" + name + "')]").exists()
                .jsonPath("$.total").value(t -> assertThat(((Number) t).longValue()).isPositive());
        http.get().uri("/api/v1/admin/users/" + name).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.jid").value(j -> assertThat((String) j).startsWith(name + "@"));

        String userToken = accessToken(name);
        patch(admin, name, Map.of("locked", true)).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("locked");
        // a locked account is shut out at once, token or not
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(userToken)).exchange().expectStatus().isForbidden();
        patch(admin, name, Map.of("locked", false)).expectStatus().isOk();

        patch(admin, name, Map.of("roles", List.of("admin"))).expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("admin");
        patch(admin, name, Map.of("password", "reset-by-the-admin")).expectStatus().isOk();
        login(name, "reset-by-the-admin");

        http.delete().uri("/api/v1/admin/users/" + name).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/admin/users/" + name).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();

        List<String> actions = db.sql("SELECT action FROM admin_audit_log WHERE target LIKE :t ORDER BY id")
                .bind("t", name + "@%").map(r -> r.get("action", String.class)).all().collectList().block();
        assertThat(actions).containsExactly("create-user", "lock-user", "unlock-user", "set-roles", "reset-password", "delete-user");
    }

    @Test
    void ordinaryUsersGet403FromEveryAdminEndpoint() {
        String user = accessToken(createUser(uniqueName("mallory")));
        String victim = createUser(uniqueName("victim"));
        http.get().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("this endpoint requires the admin role");
        http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueName("x"), "password", PASSWORD)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/users/" + victim).headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        patch(user, victim, Map.of("roles", List.of("admin"))).expectStatus().isForbidden();
        http.delete().uri("/api/v1/admin/users/" + victim).headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/stats").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/users").exchange().expectStatus().isUnauthorized();
        assertThat(accounts.find(victim).block().roles()).isEmpty();
    }

    @Test
    void adminInputIsValidated() {
        String self = createAdmin(uniqueName("boss"));
        String admin = accessToken(self);
        patch(admin, self, Map.of("locked", true)).expectStatus().isEqualTo(409);
        patch(admin, self, Map.of()).expectStatus().isBadRequest();
        patch(admin, self, Map.of("roles", List.of("superuser"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("unknown role 'superuser'"));
        http.delete().uri("/api/v1/admin/users/" + self).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isEqualTo(409);
        http.get().uri("/api/v1/admin/users?limit=100000").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/users/nobody-" + uniqueName("x")).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueName("x"), "password", PASSWORD, "kind", "robot"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("kind must be 'person' or 'host'"));
    }

    @Test
    void statsCountAccounts() {
        String admin = accessToken(createAdmin(uniqueName("stats")));
        http.get().uri("/api/v1/admin/stats").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.accounts").value(n -> assertThat(((Number) n).longValue()).isPositive())
                .jsonPath("$.admins").value(n -> assertThat(((Number) n).longValue()).isPositive())
                .jsonPath("$.active_login_sessions").value(n -> assertThat(((Number) n).longValue()).isPositive())
                .jsonPath("$.uptime_seconds").exists();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(String token, String name, Map<String, ?> body) {
        return http.patch().uri("/api/v1/admin/users/" + name).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
