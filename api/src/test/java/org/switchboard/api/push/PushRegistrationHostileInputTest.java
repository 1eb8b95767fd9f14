package org.switchboard.api.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.api.push.PushRegistrationApiTest.apns;
import static org.switchboard.api.push.PushRegistrationApiTest.apnsToken;
import static org.switchboard.api.push.PushRegistrationApiTest.body;
import static org.switchboard.api.push.PushRegistrationApiTest.fcmToken;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;

/**
 * Hostile registrations: each is a problem document naming what was wrong, and nothing is stored. One account
 * for the class (a login costs a PBKDF2 run), which every test leaves without devices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushRegistrationHostileInputTest extends ApiTest {

    String bearer;

    @BeforeEach
    void login() {
        if (bearer == null) {
            bearer = accessToken(createUser(uniqueName("hostile")));
        }
    }

    WebTestClient.ResponseSpec post(Object body) {
        return http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    static Stream<Arguments> badRegistrations() {
        String good = apnsToken();
        return Stream.of(
                Arguments.of(apns("alert", "zz" + good.substring(2), "d"), "token must be an APNs device token"),
                Arguments.of(apns("alert", good.substring(1), "d"), "token must be an APNs device token"),
                Arguments.of(apns("alert", good.substring(0, 62), "d"), "token must be an APNs device token"),
                Arguments.of(apns("alert", good.repeat(7), "d"), "token must be an APNs device token"),
                Arguments.of(apns("alert", good.substring(0, 60) + "\u0000abc", "d"), "token must be an APNs device token"),
                Arguments.of(apns("alert", "a".repeat(5000), "d"), "token must be at most 1024 characters"),
                Arguments.of(body("fcm", "data", "A".repeat(1025), "d", "org.example.app"), "token must be at most 1024 characters"),
                Arguments.of(body("fcm", "data", "short:token", "d", "org.example.app"), "token must be an FCM registration token"),
                Arguments.of(body("fcm", "data", fcmToken() + "<script>", "d", "org.example.app"), "token must be an FCM registration token"),
                Arguments.of(body("fcm", "data", "é".repeat(100), "d", "org.example.app"), "token must be an FCM registration token"),
                Arguments.of(body("gcm", "data", fcmToken(), "d", "org.example.app"), "platform: must be one of apns, fcm"),
                Arguments.of(body("APNS", "alert", good, "d", PushTestCredentials.APNS_TOPIC), "platform: must be one of apns, fcm"),
                Arguments.of(apns("sms", good, "d"), "kind: must be one of alert, voip, data"),
                Arguments.of(apns("data", good, "d"), "kind data is not available on apns"),
                Arguments.of(body("fcm", "voip", fcmToken(), "d", "org.example.app"), "kind voip is not available on fcm"),
                Arguments.of(apns("alert", good, ""), "device_id must be 1 to 64"),
                Arguments.of(apns("alert", good, "../../etc/passwd"), "device_id must be 1 to 64"),
                Arguments.of(apns("alert", good, "d".repeat(65)), "device_id must be at most 64 characters"),
                Arguments.of(apns("alert", good, "phone one"), "device_id must be 1 to 64"),
                Arguments.of(body("apns", "alert", good, "d", "noDots"), "app_id must be the app's bundle id"),
                Arguments.of(body("apns", "alert", good, "d", "a." + "b".repeat(200)), "app_id must be at most 155 characters"),
                Arguments.of(body("fcm", "data", fcmToken(), "d", "org.example.app\n"), "app_id must be the app's bundle id"),
                Arguments.of(body("apns", "alert", null, "d", PushTestCredentials.APNS_TOPIC), "token is required"),
                Arguments.of(body(null, null, null, null, null), "platform is required"));
    }

    @ParameterizedTest
    @MethodSource("badRegistrations")
    void malformedRegistrationsAreA400ThatSaysWhatWasWrong(Map<String, Object> body, String expected) {
        post(body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-input")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains(expected));
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"apns\"", "{\"platform\": [\"apns\"]}", "{\"platform\": \"apns\", \"is_admin\": true}"})
    void malformedJsonIsRefused(String json) {
        http.post().uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
        assertNothingStored();
    }

    @Test
    void aBodyLargerThanTheApiAcceptsIsA413() {
        post(apns("alert", "a".repeat(70_000), "d")).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:payload-too-large");
        assertNothingStored();
    }

    @Test
    void anAppThisServerDoesNotPushToIsRefused() {
        post(body("apns", "alert", apnsToken(), "d", "com.someone.else")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:push-unavailable")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("com.someone.else").contains(PushTestCredentials.APNS_TOPIC));
        assertNothingStored();
    }

    @Test
    void unregisteringWithABadDeviceIdOrKindIsA400() {
        http.method(org.springframework.http.HttpMethod.DELETE).uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("device_id", "a b")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("device_id"));
        http.method(org.springframework.http.HttpMethod.DELETE).uri("/api/v1/push/register").headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("device_id", "d", "kind", "sms")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("kind"));
    }

    private void assertNothingStored() {
        List<?> devices = http.get().uri("/api/v1/push/devices").headers(h -> h.setBearerAuth(bearer)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(devices).isEmpty();
    }
}
