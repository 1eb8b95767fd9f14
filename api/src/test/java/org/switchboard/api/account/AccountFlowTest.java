package org.switchboard.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;

/** A person's whole life through the account endpoints, over real HTTP and a real database. */
class AccountFlowTest extends ApiTest {

    @Test
    void registerLoginRefreshChangePasswordDelete() {
        String name = uniqueName("alice");
        http.post().uri("/api/v1/account/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name.toUpperCase(), "password", PASSWORD))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/account")
                .expectBody()
                .jsonPath("$.username").isEqualTo(name)
                .jsonPath("$.jid").isEqualTo(name + "@" + TestApiApplication.DOMAIN)
                .jsonPath("$.roles").isEmpty()
                .jsonPath("$.created_at").isNotEmpty();

        Map<String, Object> tokens = login(name, PASSWORD);
        assertThat(tokens.get("token_type")).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in")).isEqualTo(900);

        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth((String) tokens.get("access_token")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(name).jsonPath("$.kind").isEqualTo("person");

        Map<?, ?> refreshed = http.post().uri("/api/v1/account/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", tokens.get("refresh_token")))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refreshed.get("refresh_token")).isNotEqualTo(tokens.get("refresh_token"));
        String access = (String) refreshed.get("access_token");

        Map<?, ?> afterChange = http.put().uri("/api/v1/account/password").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("old_password", PASSWORD, "new_password", "a-brand-new-password"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        // the session that existed before the change is over; the one handed back works
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange().expectStatus().isUnauthorized();
        String newAccess = (String) afterChange.get("access_token");

        http.method(org.springframework.http.HttpMethod.DELETE).uri("/api/v1/account").headers(h -> h.setBearerAuth(newAccess))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", "a-brand-new-password"))
                .exchange().expectStatus().isNoContent();
        assertThat(accounts.find(name).block()).isNull();
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(newAccess)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aSpentRefreshTokenRevokesItsWholeFamily() {
        String name = createUser(uniqueName("bob"));
        Map<String, Object> first = login(name, PASSWORD);
        Map<?, ?> second = refresh((String) first.get("refresh_token"), 200);

        // the first token is replayed, e.g. by someone who copied it
        http.post().uri("/api/v1/account/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", first.get("refresh_token")))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:refresh-token-reused");
        // ... so the legitimate successor is dead too, and so is its access token
        refresh((String) second.get("refresh_token"), 401);
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth((String) second.get("access_token")))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        String name = createUser(uniqueName("carol"));
        Map<String, Object> tokens = login(name, PASSWORD);
        Map<String, Object> otherDevice = login(name, PASSWORD);
        String access = (String) tokens.get("access_token");
        http.post().uri("/api/v1/account/logout").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isUnauthorized();
        refresh((String) tokens.get("refresh_token"), 401);
        // another device's session is untouched
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth((String) otherDevice.get("access_token")))
                .exchange().expectStatus().isOk();
    }

    @Test
    void wrongOldPasswordAndWeakNewPasswordAreRefused() {
        String name = createUser(uniqueName("dave"));
        String access = accessToken(name);
        http.put().uri("/api/v1/account/password").headers(h -> h.setBearerAuth(access)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("old_password", "not-the-password", "new_password", "another-long-password"))
                .exchange().expectStatus().isUnauthorized();
        http.put().uri("/api/v1/account/password").headers(h -> h.setBearerAuth(access)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("old_password", PASSWORD, "new_password", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("new_password").contains("at least 8"));
        http.method(org.springframework.http.HttpMethod.DELETE).uri("/api/v1/account").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", "not-the-password"))
                .exchange().expectStatus().isUnauthorized();
        assertThat(accounts.find(name).block()).isNotNull();
    }

    @Test
    void registeringATakenNameIsAConflict() {
        String name = createUser(uniqueName("erin"));
        http.post().uri("/api/v1/account/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("already exists"));
    }

    private Map<?, ?> refresh(String token, int status) {
        return http.post().uri("/api/v1/account/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", token))
                .exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
