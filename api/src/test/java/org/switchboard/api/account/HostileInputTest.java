package org.switchboard.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;

/** Bad bodies get a 400/413/415 problem that names what was wrong, and change nothing. */
class HostileInputTest extends ApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"username\": \"a\", \"password\": }", "not json at all", "[1,2,3]", "\"just a string\"",
            "{\"username\": \"a\" \"password\": \"b\"}", "{\"username\": \"abc\", \"password\": \"12345678\"} trailing"})
    void malformedJsonIsA400ThatSaysSo(String body) {
        post("/api/v1/account/login", body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("request body is not valid JSON"));
    }

    @Test
    void missingFieldsAreNamed() {
        post("/api/v1/account/login", "{}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("username is required").contains("password is required"))
                .jsonPath("$.errors[0].field").exists();
    }

    @Test
    void anEmptyBodyIsRefused() {
        post("/api/v1/account/login", "").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).isNotBlank());
    }

    @Test
    void unknownAndWronglyTypedFieldsAreNamed() {
        post("/api/v1/account/register", "{\"username\": \"zed\", \"password\": \"12345678\", \"is_admin\": true}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("is_admin"));
        post("/api/v1/account/login", "{\"username\": [\"zed\"], \"password\": \"12345678\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
    }

    @Test
    void overlongFieldsAreRefusedBeforeAnyWork() {
        post("/api/v1/account/register", json("u".repeat(65), "long-enough-password"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("username must be at most 64"));
        post("/api/v1/account/login", json("someone", "p".repeat(1025)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("password must be at most 1024"));
    }

    @Test
    void aBodyLargerThanTheLimitIsA413() {
        post("/api/v1/account/login", json("someone", "x".repeat(100 * 1024)))
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:payload-too-large");
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String nested = "{\"username\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"password\":\"12345678\"}";
        post("/api/v1/account/login", nested).expectStatus().isBadRequest();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "admin'--", "a; DROP TABLE accounts;--", "a@evil.example", "..", "名前", "a b"})
    void oddAndSqlLookingNamesAreRefusedWithAReason(String name) {
        long before = accounts.count().block();
        post("/api/v1/account/register", json(name, "long-enough-password"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("username"));
        // logging in with one is simply a wrong login; the accounts table is still there and nothing was added
        post("/api/v1/account/login", json(name, "long-enough-password")).expectStatus().isUnauthorized();
        assertThat(accounts.count().block()).isEqualTo(before);
        assertThat(accounts.find(name).block()).isNull();
    }

    @Test
    void aWrongContentTypeIsA415() {
        http.post().uri("/api/v1/account/login").contentType(MediaType.TEXT_PLAIN).bodyValue("username=a&password=b")
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("application/json"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        http.get().uri("/api/v1/nothing-here").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/account/login").exchange().expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String json(String username, String password) {
        return "{\"username\":\"" + username.replace("\"", "\\\"") + "\",\"password\":\"" + password + "\"}";
    }
}
