package org.switchboard.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.switchboard.api.ApiTest;
import org.switchboard.common.lockout.AuthenticationGuard;

/**
 * Admins review and lift lockouts over real HTTP. The failures come through the real guard from a documentation
 * address (192.0.2.0/24), so the test's own address, shared by every API test, is never locked.
 */
class AdminLockoutsApiTest extends ApiTest {

    private static final String GUESSER = "192.0.2.66";

    @Autowired
    AuthenticationGuard guard;

    private void failFiveTimes(String name) {
        for (int i = 0; i < 5; i++) {
            guard.recordFailure(name, GUESSER, "xmpp").block();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lockouts(String admin) {
        Map<String, Object> page = http.get().uri("/api/v1/admin/lockouts?limit=500").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("lockouts");
    }

    @Test
    void anAdminSeesAPairLockAndLiftsItSoTheOwnerMayTryAgainAtOnce() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        String owner = createUser(uniqueName("forgetful"));
        failFiveTimes(owner);
        assertThat(guard.check(owner, GUESSER).block()).as("locked from the guessing address").isNotNull();

        Map<String, Object> lock = lockouts(admin).stream().filter(l -> owner.equals(l.get("account"))).findFirst().orElseThrow();
        assertThat(lock).containsEntry("scope", "pair").containsEntry("address", GUESSER).containsEntry("failures", 5)
                .containsKeys("locked_at", "locked_until").containsEntry("subject", GUESSER + "|" + owner);

        http.delete().uri(b -> b.path("/api/v1/admin/lockouts").queryParam("scope", "pair").queryParam("subject", "{s}")
                        .build(GUESSER + "|" + owner))
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();

        assertThat(guard.check(owner, GUESSER).block()).as("lifted").isNull();
        assertThat(guard.recordFailure(owner, GUESSER, "xmpp").block()).as("its failures were forgotten too").isNull();
        assertThat(lockouts(admin)).noneMatch(l -> owner.equals(l.get("account")));
        http.get().uri("/api/v1/admin/audit?limit=50").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.entries[?(@.action == 'lift-lockout' && @.details == 'pair " + GUESSER + "|" + owner + "')]")
                .exists();
    }

    @Test
    void liftingWhatIsNotLockedIs404AndBadInputIs400() {
        String admin = accessToken(createAdmin(uniqueName("root")));

        http.delete().uri("/api/v1/admin/lockouts?scope=account&subject=nobody-locked-this")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri("/api/v1/admin/lockouts?scope=planet&subject=x").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("scope must be one of account, address, pair");
        http.get().uri("/api/v1/admin/lockouts?limit=0").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/audit?before=-1").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest();
    }

    @Test
    void onlyAdminsSeeOrLiftLocksOrReadTheAuditLog() {
        String user = accessToken(createUser(uniqueName("mallory")));

        http.get().uri("/api/v1/admin/lockouts").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.delete().uri("/api/v1/admin/lockouts?scope=address&subject=" + GUESSER).headers(h -> h.setBearerAuth(user)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/audit").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/lockouts").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theAuditLogPagesBackwardsById() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        for (int i = 0; i < 3; i++) {
            http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", uniqueName("paged"), "password", PASSWORD)).exchange().expectStatus().isCreated();
        }
        Map<?, ?> first = http.get().uri("/api/v1/admin/audit?limit=2").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<?> entries = (List<?>) first.get("entries");
        assertThat(entries).hasSize(2);
        long nextBefore = ((Number) first.get("next_before")).longValue();
        assertThat(nextBefore).isEqualTo(((Number) ((Map<?, ?>) entries.get(1)).get("id")).longValue());
        http.get().uri("/api/v1/admin/audit?limit=2&before=" + nextBefore).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.entries[0].id").value(id ->
                        assertThat(((Number) id).longValue()).isLessThan(nextBefore));
    }
}
