package org.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.switchboard.api.ApiTest;

/** Guessing passwords ends in 429 with Retry-After, even for the right password, until the lock ends. */
class BruteForceTest extends ApiTest {

    @Test
    void repeatedFailuresLockTheAccountWith429AndRetryAfter() {
        String name = createUser(uniqueName("target"));
        for (int i = 0; i < 4; i++) {
            attempt(name, "wrong-password-" + i).expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-credentials");
        }
        attempt(name, "wrong-password-5").expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L))
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:switchboard:problem:too-many-failed-logins")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("account is temporarily locked"))
                .jsonPath("$.locked_until").isNotEmpty();
        // the right password does not get through while locked
        attempt(name, PASSWORD).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
    }

    @Test
    void unknownNamesCountToo() {
        String name = uniqueName("ghost");
        for (int i = 0; i < 5; i++) {
            attempt(name, "whatever-password");
        }
        attempt(name, "whatever-password").expectStatus().isEqualTo(429);
    }

    @Test
    void aPasswordWithAControlCharacterIsAnOrdinaryFailureForKnownAndUnknownNames() {
        String known = createUser(uniqueName("ctrl"));
        String unknown = uniqueName("no-such");
        for (String name : new String[] {known, unknown}) {
            attempt(name, "abcdefgh\u0001").expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-credentials");
        }
        // and such attempts count towards the lockout like any wrong password
        for (int i = 0; i < 4; i++) {
            attempt(unknown, "abcdefgh\u0001");
        }
        attempt(unknown, "abcdefgh\u0001").expectStatus().isEqualTo(429);
    }

    @Test
    void anAdminLockedAccountIsToldSoAfterTheRightPassword() {
        String name = createUser(uniqueName("locked"));
        accounts.setStatus(name, org.switchboard.common.account.AccountStatus.LOCKED).block();
        attempt(name, PASSWORD).expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:switchboard:problem:account-locked")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("locked by an administrator"));
        // a wrong password does not reveal the lock
        attempt(name, "wrong-password").expectStatus().isUnauthorized();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec attempt(String name, String password) {
        return http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password)).exchange();
    }
}
