package org.switchboard.api.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;

/** Push registration over real HTTP against the real database (max devices is 3 in the test application). */
@SuppressWarnings("unchecked")
class PushRegistrationApiTest extends ApiTest {

    static String apnsToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String fcmToken() {
        return "fcm" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + "x".repeat(120);
    }

    static Map<String, Object> body(String platform, String kind, String token, String deviceId, String appId) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", platform);
        body.put("kind", kind);
        body.put("token", token);
        body.put("device_id", deviceId);
        body.put("app_id", appId);
        return body;
    }

    static Map<String, Object> apns(String kind, String token, String deviceId) {
        return body("apns", kind, token, deviceId, PushTestCredentials.APNS_TOPIC);
    }

    WebTestClient.ResponseSpec register(String bearer, Object body) {
        return http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec unregister(String bearer, Object body) {
        return http.method(HttpMethod.DELETE).uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    List<Map<String, Object>> devices(String bearer) {
        return http.get().uri("/api/v1/push/devices").headers(h -> h.setBearerAuth(bearer)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }

    @Test
    void registeringIsIdempotentPerDeviceAndAnswersTheNodeForPushDomain() {
        String alice = accessToken(createUser(uniqueName("alice")));
        String alert = apnsToken();
        Map<String, Object> first = register(alice, apns("alert", alert, "iphone-1")).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(first.get("push_jid")).isEqualTo("push." + TestApiApplication.DOMAIN);
        assertThat((String) first.get("node")).matches("[A-Za-z0-9_-]{22}");
        Map<String, Object> again = register(alice, apns("alert", alert.toUpperCase(), "iphone-1")).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(again.get("node")).isEqualTo(first.get("node"));

        String voip = apnsToken();
        Map<String, Object> both = register(alice, apns("voip", voip, "iphone-1")).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(both.get("node")).isEqualTo(first.get("node"));
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) both.get("tokens");
        assertThat(tokens).extracting(t -> t.get("kind")).containsExactlyInAnyOrder("alert", "voip");
        assertThat(tokens).extracting(t -> t.get("token_suffix")).containsExactlyInAnyOrder(alert.substring(56), voip.substring(56));

        String listed = http.get().uri("/api/v1/push/devices").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains("iphone-1").doesNotContain(alert).doesNotContain(voip);
        assertThat(devices(alice)).hasSize(1);

        // a new alert token replaces the old one of the same device
        String newer = apnsToken();
        register(alice, apns("alert", newer, "iphone-1")).expectStatus().isOk();
        List<Map<String, Object>> now = (List<Map<String, Object>>) devices(alice).get(0).get("tokens");
        assertThat(now).extracting(t -> t.get("token_suffix")).containsExactlyInAnyOrder(newer.substring(56), voip.substring(56));
    }

    @Test
    void androidRegistersADataToken() {
        String bob = accessToken(createUser(uniqueName("bob")));
        register(bob, body("fcm", "data", fcmToken(), "pixel", "org.switchboard.android")).expectStatus().isOk()
                .expectBody().jsonPath("$.platform").isEqualTo("fcm").jsonPath("$.tokens[0].kind").isEqualTo("data");
    }

    @Test
    void theLongestTokenAcceptedIsStoredAndIndexed() {
        String bob = accessToken(createUser(uniqueName("bob")));
        register(bob, body("fcm", "data", "L".repeat(1024), "tablet", "org.switchboard.android")).expectStatus().isOk()
                .expectBody().jsonPath("$.tokens[0].token_suffix").isEqualTo("LLLLLLLL");
    }

    @Test
    void anotherAccountsDeviceIdIsADeviceThatDoesNotExist() {
        String alice = accessToken(createUser(uniqueName("alice")));
        String mallory = accessToken(createUser(uniqueName("mallory")));
        register(alice, apns("alert", apnsToken(), "shared-name")).expectStatus().isOk();

        unregister(mallory, Map.of("device_id", "shared-name")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:not-found");
        unregister(mallory, Map.of("device_id", "shared-name", "kind", "alert")).expectStatus().isNotFound();
        assertThat(devices(alice)).hasSize(1);
        assertThat(devices(mallory)).isEmpty();

        // the same device id under another account is that account's own device, with its own node
        String aliceNode = (String) devices(alice).get(0).get("node");
        register(mallory, apns("alert", apnsToken(), "shared-name")).expectStatus().isOk()
                .expectBody().jsonPath("$.node").value(node -> assertThat(node).isNotEqualTo(aliceNode));
        assertThat((List<Object>) devices(alice).get(0).get("tokens")).hasSize(1);
    }

    @Test
    void aTokenRegisteredByAnotherAccountMovesToIt() {
        String alice = accessToken(createUser(uniqueName("alice")));
        String bob = accessToken(createUser(uniqueName("bob")));
        String token = apnsToken();
        register(alice, apns("alert", token, "phone")).expectStatus().isOk();
        // the phone changed hands: only its new account may wake it
        register(bob, apns("alert", token, "phone")).expectStatus().isOk();
        assertThat((List<Object>) devices(alice).get(0).get("tokens")).isEmpty();
        assertThat((List<Object>) devices(bob).get(0).get("tokens")).hasSize(1);
    }

    @Test
    void anAccountHasAtMostTheConfiguredNumberOfDevices() {
        String carol = accessToken(createUser(uniqueName("carol")));
        for (int i = 0; i < 3; i++) {
            register(carol, apns("alert", apnsToken(), "device-" + i)).expectStatus().isOk();
        }
        register(carol, apns("alert", apnsToken(), "device-3")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:push-device-limit")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("at most 3 devices"));
        // an existing device still takes new tokens
        register(carol, apns("voip", apnsToken(), "device-0")).expectStatus().isOk();
        unregister(carol, Map.of("device_id", "device-1")).expectStatus().isNoContent();
        register(carol, apns("alert", apnsToken(), "device-3")).expectStatus().isOk();
        assertThat(devices(carol)).extracting(d -> d.get("device_id")).containsExactly("device-0", "device-2", "device-3");
    }

    @Test
    void registrationsRacingForTheLastPlacesNeverExceedTheLimit() {
        String dave = accessToken(createUser(uniqueName("dave")));
        List<Integer> statuses = java.util.stream.IntStream.range(0, 10).parallel()
                .mapToObj(i -> register(dave, apns("alert", apnsToken(), "racer-" + i)).returnResult(String.class).getStatus().value())
                .toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(devices(dave)).hasSize(3);
    }

    @Test
    void unregisteringAKindLeavesTheDeviceAndUnregisteringTheDeviceRemovesIt() {
        String erin = accessToken(createUser(uniqueName("erin")));
        register(erin, apns("alert", apnsToken(), "ipad")).expectStatus().isOk();
        register(erin, apns("voip", apnsToken(), "ipad")).expectStatus().isOk();
        unregister(erin, Map.of("device_id", "ipad", "kind", "voip")).expectStatus().isNoContent();
        assertThat((List<Map<String, Object>>) devices(erin).get(0).get("tokens")).extracting(t -> t.get("kind")).containsExactly("alert");
        unregister(erin, Map.of("device_id", "ipad")).expectStatus().isNoContent();
        assertThat(devices(erin)).isEmpty();
        unregister(erin, Map.of("device_id", "ipad")).expectStatus().isNotFound();
    }

    @Test
    void adminsSeeAnAccountsDevicesOthersDoNot() {
        String frank = createUser(uniqueName("frank"));
        String token = accessToken(frank);
        register(token, apns("alert", apnsToken(), "iphone")).expectStatus().isOk();
        String admin = accessToken(createAdmin(uniqueName("admin")));
        http.get().uri("/api/v1/admin/users/" + frank + "/push-devices").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].device_id").isEqualTo("iphone")
                .jsonPath("$[0].tokens[0].kind").isEqualTo("alert")
                .jsonPath("$[0].tokens[0].last_error").isEmpty();
        http.get().uri("/api/v1/admin/users/" + frank + "/push-devices").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/users/nobody-" + UUID.randomUUID().toString().substring(0, 6) + "/push-devices")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
    }

    @Test
    void everyEndpointNeedsALogin() {
        http.post().uri("/api/v1/push/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(apns("alert", apnsToken(), "x")).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/push/devices").exchange().expectStatus().isUnauthorized();
        http.method(HttpMethod.DELETE).uri("/api/v1/push/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("device_id", "x")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        http.get().uri("/docs/openapi.json").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/push/register'].post.summary").exists()
                .jsonPath("$.paths['/api/v1/push/register'].delete.summary").exists()
                .jsonPath("$.paths['/api/v1/push/devices'].get.summary").exists()
                .jsonPath("$.paths['/api/v1/admin/users/{username}/push-devices'].get.summary").exists();
    }
}
