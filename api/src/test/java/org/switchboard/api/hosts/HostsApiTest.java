package org.switchboard.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;

/** The host endpoints over real HTTP against the real database. */
@SuppressWarnings("unchecked")
class HostsApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int serverPort;

    @Test
    void aPersonAddsAHostAndThePhonePairsWithTheCode() {
        String owner = accessToken(createUser(uniqueName("owner")));
        Map<String, Object> created = http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Kitchen phone"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) created.get("id");
        String code = (String) created.get("code");
        assertThat(created.get("name")).isEqualTo("Kitchen phone");
        assertThat(code).matches("[0-9]{6}");
        assertThat(Instant.parse((String) created.get("code_expires_at"))).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(601));
        assertThat(created.get("qr")).isEqualTo("switchboard://pair?server="
                + URLEncoder.encode("http://127.0.0.1:" + port(), StandardCharsets.UTF_8) + "&code=" + code);

        http.get().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].id").isEqualTo(id).jsonPath("$[0].paired").isEqualTo(false)
                .jsonPath("$[0].sims").isEmpty();

        Map<String, Object> pairing = pair(code).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String jid = (String) pairing.get("jid");
        String localpart = jid.substring(0, jid.indexOf('@'));
        assertThat(pairing.get("host_id")).isEqualTo(id);
        assertThat(jid).isEqualTo("host-" + id.replace("-", "").substring(0, 12) + "@" + TestApiApplication.DOMAIN);
        assertThat(pairing.get("xmpp_host")).isEqualTo(TestApiApplication.DOMAIN);
        // no XMPP server runs in this test's process: the configured (here default) client port
        assertThat(pairing.get("xmpp_port")).isEqualTo(5222);
        assertThat(pairing.get("gateway")).isEqualTo("sms." + TestApiApplication.DOMAIN);
        // no certificate in this process, in SWITCHBOARD_TLS_CERT or in the data directory: nothing to pin
        // (XmppCertificatePinTest has where it comes from; HostPinningTest in app pins it end to end)
        assertThat(pairing).containsEntry("tls_sha256", null);
        assertThat(accounts.verifyPassword(localpart, (String) pairing.get("password")).block()).isTrue();
        Account hostAccount = accounts.find(localpart).block();
        assertThat(hostAccount.kind()).isEqualTo(AccountKind.HOST);

        Map<String, Object> shown = http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(shown.get("paired")).isEqualTo(true);
        assertThat(shown.get("paired_at")).isNotNull();
        // no XMPP server runs in this test's process, so nobody can tell
        assertThat(shown).containsEntry("online", null);
    }

    @Test
    void wrongExpiredAndUsedCodesAllGetTheSame404() {
        String owner = accessToken(createUser(uniqueName("owner")));
        Map<String, Object> first = createHost(owner, "One");
        String used = (String) first.get("code");
        pair(used).expectStatus().isOk();

        Map<String, Object> second = createHost(owner, "Two");
        String expired = (String) second.get("code");
        db.sql("UPDATE sms_pairing_codes SET expires_at = now() - interval '1 second' WHERE host_id = :id")
                .bind("id", UUID.fromString((String) second.get("id"))).then().block();

        Map<String, Object> third = createHost(owner, "Three");
        String live = (String) third.get("code");
        String wrong = String.format("%06d", (Integer.parseInt(live) + 500_000) % 1_000_000);

        List<Map<String, Object>> problems = new ArrayList<>();
        for (String code : List.of(used, expired, wrong)) {
            Map<String, Object> problem = pair(code).expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(Map.class).returnResult().getResponseBody();
            problems.add(problem);
        }
        assertThat(problems).allSatisfy(p -> assertThat(p.get("type")).isEqualTo("urn:switchboard:problem:pairing-code-invalid"));
        assertThat(problems).extracting(p -> p.get("detail")).containsOnly(problems.get(0).get("detail"));
        pair(live).expectStatus().isOk();
    }

    @Test
    void concurrentPairingsWithOneCodeGiveOneAccount() throws Exception {
        String owner = accessToken(createUser(uniqueName("owner")));
        String code = (String) createHost(owner, "Raced").get("code");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return pair(code).returnResult(String.class).getStatus().value();
            }));
        }
        start.countDown();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(200, 404);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    }

    @Test
    void aFreshCodeRepairsTheHostWithANewPassword() {
        String owner = accessToken(createUser(uniqueName("owner")));
        Map<String, Object> created = createHost(owner, "Reused phone");
        String id = (String) created.get("id");
        Map<String, Object> first = pair((String) created.get("code")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        Map<String, Object> fresh = http.post().uri("/api/v1/hosts/" + id + "/code").headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(fresh.get("id")).isEqualTo(id);
        Map<String, Object> second = pair((String) fresh.get("code")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        String localpart = ((String) second.get("jid")).split("@")[0];
        assertThat(second.get("jid")).isEqualTo(first.get("jid"));
        assertThat(accounts.verifyPassword(localpart, (String) second.get("password")).block()).isTrue();
        assertThat(accounts.verifyPassword(localpart, (String) first.get("password")).block()).isFalse();
    }

    @Test
    void codeCreationIsLimitedPerAccount() {
        String owner = accessToken(createUser(uniqueName("eager")));
        String id = (String) createHost(owner, "Limited").get("id");
        for (int i = 1; i < 10; i++) {
            http.post().uri("/api/v1/hosts/" + id + "/code").headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk();
        }
        http.post().uri("/api/v1/hosts/" + id + "/code").headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("for your account"));
        http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "One too many")).exchange().expectStatus().isEqualTo(429);
        // another person is not held back by it
        createHost(accessToken(createUser(uniqueName("calm"))), "Fine");
    }

    @Test
    void anotherPersonsHostIs404Everywhere() {
        String owner = accessToken(createUser(uniqueName("owner")));
        String id = (String) createHost(owner, "Private").get("id");
        String other = accessToken(createUser(uniqueName("other")));
        String admin = accessToken(createAdmin(uniqueName("admin")));

        for (String stranger : List.of(other, admin)) {
            http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isNotFound();
            http.patch().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(stranger)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Mine now")).exchange().expectStatus().isNotFound();
            http.post().uri("/api/v1/hosts/" + id + "/code").headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isNotFound();
            http.delete().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isNotFound();
            http.get().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$[?(@.id == '" + id + "')]").doesNotExist();
        }
        http.get().uri("/api/v1/hosts/not-a-uuid").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Private");
        http.get().uri("/api/v1/hosts").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void hostAccountsGet403FromEveryHostAndNumberEndpoint() {
        String owner = accessToken(createUser(uniqueName("owner")));
        Map<String, Object> created = createHost(owner, "Phone");
        Map<String, Object> pairing = pair((String) created.get("code")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String host = (String) login(((String) pairing.get("jid")).split("@")[0], (String) pairing.get("password")).get("access_token");
        String id = (String) created.get("id");

        List<WebTestClient.RequestHeadersSpec<?>> requests = List.of(
                http.get().uri("/api/v1/hosts"),
                http.get().uri("/api/v1/hosts/" + id),
                http.post().uri("/api/v1/hosts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Child")),
                http.post().uri("/api/v1/hosts/" + id + "/code"),
                http.patch().uri("/api/v1/hosts/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Renamed")),
                http.delete().uri("/api/v1/hosts/" + id),
                http.get().uri("/api/v1/numbers"),
                http.patch().uri("/api/v1/numbers/1").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("label", "x")));
        for (WebTestClient.RequestHeadersSpec<?> request : requests) {
            request.headers(h -> h.setBearerAuth(host)).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.detail").isEqualTo("this endpoint is for people; host devices cannot use it");
        }
        http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Phone");
    }

    @Test
    void patchRenamesAndChoosesTheDefaultSimWithValidation() {
        String owner = accessToken(createUser(uniqueName("owner")));
        String id = (String) createHost(owner, "Dual SIM").get("id");
        sim(id, 3, 0, "+15550000003");
        sim(id, 4, 1, "+15550000004");

        patch(owner, id, Map.of("name", "Renamed", "default_subscription_id", 4)).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed")
                .jsonPath("$.sims[0].subscription_id").isEqualTo(3).jsonPath("$.sims[0].default").isEqualTo(false)
                .jsonPath("$.sims[1].default").isEqualTo(true).jsonPath("$.sims[1].number").isEqualTo("+15550000004")
                .jsonPath("$.sims[1].present").isEqualTo(true);
        Map<String, Object> clear = new HashMap<>();
        clear.put("default_subscription_id", null);
        patch(owner, id, clear).expectStatus().isOk().expectBody().jsonPath("$.sims[1].default").isEqualTo(false)
                .jsonPath("$.name").isEqualTo("Renamed");

        patch(owner, id, Map.of("name", "Not applied", "default_subscription_id", 9)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("default_subscription_id:"));
        patch(owner, id, Map.of("name", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        patch(owner, id, Map.of("name", "x".repeat(101))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        patch(owner, id, Map.of("name", "   ")).expectStatus().isBadRequest();
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        patch(owner, id, nullName).expectStatus().isBadRequest();
        patch(owner, id, Map.of()).expectStatus().isBadRequest();
        patch(owner, id, Map.of("nickname", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
        patch(owner, id, Map.of("default_subscription_id", "three")).expectStatus().isBadRequest();
        http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed");
    }

    @Test
    void inputIsValidated() {
        String owner = accessToken(createUser(uniqueName("owner")));
        for (Map<String, ?> body : List.<Map<String, ?>>of(Map.of(), Map.of("name", ""), Map.of("name", "x".repeat(101)))) {
            http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        }
        http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(owner)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Phone", "owner", "someone-else")).exchange().expectStatus().isBadRequest();
        for (Map<String, ?> body : List.<Map<String, ?>>of(Map.of(), Map.of("code", "12345"), Map.of("code", "1234567"), Map.of("code", "12345a"),
                Map.of("code", " 123456"))) {
            http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        }
        http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", List.of("123456")))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void deletingAHostDeletesItsAccount() {
        String owner = accessToken(createUser(uniqueName("owner")));
        Map<String, Object> created = createHost(owner, "Gone soon");
        String id = (String) created.get("id");
        Map<String, Object> pairing = pair((String) created.get("code")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String localpart = ((String) pairing.get("jid")).split("@")[0];
        String hostToken = (String) login(localpart, (String) pairing.get("password")).get("access_token");

        http.delete().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isNoContent();
        assertThat(accounts.find(localpart).block()).isNull();
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(hostToken)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(owner)).exchange().expectStatus().isNotFound();
    }

    @Test
    void openApiDescribesTheHostEndpoints() {
        http.get().uri("/docs/openapi.json").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/hosts'].post").exists()
                .jsonPath("$.paths['/api/v1/hosts/pair'].post").exists()
                .jsonPath("$.paths['/api/v1/hosts/{id}'].patch").exists()
                .jsonPath("$.paths['/api/v1/numbers/{id}'].patch").exists();
    }

    private Map<String, Object> createHost(String token, String name) {
        return http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec pair(String code) {
        return http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange();
    }

    private WebTestClient.ResponseSpec patch(String token, String id, Map<String, ?> body) {
        return http.patch().uri("/api/v1/hosts/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private void sim(String hostId, int subscriptionId, int slot, String number) {
        db.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, carrier, number) VALUES (:host, :sub, :slot, 'Example Mobile', :number)")
                .bind("host", UUID.fromString(hostId)).bind("sub", subscriptionId).bind("slot", slot).bind("number", number)
                .then().block();
    }

    private int port() {
        return serverPort;
    }
}
