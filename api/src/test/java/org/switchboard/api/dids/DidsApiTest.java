package org.switchboard.api.dids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.switchboard.api.ApiTest;
import org.switchboard.common.account.AccountKind;

/**
 * DIDs over real HTTP: an admin sets a number to a person's account (written as E.164, moved by setting it again),
 * the person sees it in {@code GET /api/v1/dids}, the admin list shows it, removing it works once, both audited;
 * bad numbers, unknown or host accounts and non-admins are refused.
 */
class DidsApiTest extends ApiTest {

    private void put(String token, String number, String account, int status) {
        http.put().uri("/api/v1/admin/dids/{n}", number).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", account)).exchange().expectStatus().isEqualTo(status);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String token, String path) {
        Map<String, Object> page = http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("dids");
    }

    @Test
    void anAdminSetsMovesAndRemovesADidAndItsPersonSeesIt() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        String alice = createUser(uniqueName("alice"));
        String bob = createUser(uniqueName("bob"));
        String number = "+1555" + (1000000 + (int) (Math.random() * 8999999));

        http.put().uri("/api/v1/admin/dids/{n}", number.substring(0, 5) + "-" + number.substring(5)).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("account", alice)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.number").isEqualTo(number).jsonPath("$.account").isEqualTo(alice).jsonPath("$.set_at").exists();
        assertThat(list(accessToken(alice), "/api/v1/dids")).extracting(d -> d.get("number")).containsExactly(number);
        assertThat(list(admin, "/api/v1/admin/dids")).anyMatch(d -> number.equals(d.get("number")) && alice.equals(d.get("account")));

        put(admin, number, bob, 200);   // moved
        assertThat(list(accessToken(alice), "/api/v1/dids")).isEmpty();
        assertThat(list(accessToken(bob), "/api/v1/dids")).extracting(d -> d.get("number")).containsExactly(number);

        http.delete().uri("/api/v1/admin/dids/{n}", number).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        assertThat(list(accessToken(bob), "/api/v1/dids")).isEmpty();
        http.delete().uri("/api/v1/admin/dids/{n}", number).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/audit?limit=50").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.entries[?(@.action == 'set-did' && @.details == '" + number + "')]").exists()
                .jsonPath("$.entries[?(@.action == 'remove-did' && @.details == '" + number + "')]").exists();
    }

    @Test
    void badNumbersUnknownOrHostAccountsAndNonAdminsAreRefused() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        String alice = createUser(uniqueName("alice"));
        for (String bad : List.of("15551234567", "+1", "+1555abc4567", "+" + "1".repeat(20), "alice", "+")) {
            put(admin, bad, alice, 400);
        }
        put(admin, "+15557654321", uniqueName("nobody"), 404);
        put(admin, "+15557654321", "not a name!", 400);
        String host = uniqueName("host");
        accounts.create(host, "a host password 123", AccountKind.HOST, Set.of()).block();
        put(admin, "+15557654321", host, 400);

        String user = accessToken(alice);
        put(user, "+15557654321", alice, 403);
        http.get().uri("/api/v1/admin/dids").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.delete().uri("/api/v1/admin/dids/{n}", "+15557654321").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
    }
}
