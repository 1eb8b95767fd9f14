package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;

/** {@code POST /api/v1/messages}: what is accepted, how it is read, and the row it leaves in the outbox. */
@SuppressWarnings("unchecked")
class MessageSubmitApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    SmsFixture sms;

    @BeforeEach
    void fixture() {
        sms = new SmsFixture(http, db);
    }

    @Test
    void queuesTheMessageReadInTheSimsRegionAndAnswers202() {
        String name = createUser(uniqueName("sender"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551110001", "US", false);

        Map<String, Object> queued = send(token, Map.of("to", "(555) 765-4321", "body", "hello there"))
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/v1/messages/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(queued).containsEntry("state", "queued").containsKeys("id", "created_at");

        Map<String, Object> row = sms.row(UUID.fromString((String) queued.get("id")));
        assertThat(row).containsEntry("owner_id", sms.ownerId(name)).containsEntry("sim_id", sim).containsEntry("host_id", host.id())
                .containsEntry("direction", "out").containsEntry("peers", "+15557654321").containsEntry("body", "hello there")
                .containsEntry("state", "queued");
    }

    @Test
    void severalRecipientsAreOneGroupTextSortedAndWithoutRepeats() {
        String token = accessToken(createUser(uniqueName("group")));
        sms.sim(sms.pairedHost(token, "Phone").id(), 1, "+15551110002", "US", false);
        Map<String, Object> queued = send(token, Map.of("to", "+1 555 765 4321, 555-111-2222,+15557654321, 12345", "body", "dinner?"))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> row = sms.row(UUID.fromString((String) queued.get("id")));
        assertThat(row).containsEntry("peers", "+15551112222,+15557654321,12345;phone-context=us")
                .containsEntry("conversation", "+15551112222,+15557654321,12345;phone-context=us");
    }

    @Test
    void theNumberChoosesTheSimByIdOrByItsNumber() {
        String token = accessToken(createUser(uniqueName("dual")));
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        sms.sim(host.id(), 1, "+15551110003", "US", true);
        long second = sms.sim(host.id(), 2, "+4915112345678", "DE", false);

        Map<String, Object> byId = send(token, Map.of("to", "0171 2345678", "body", "hallo", "number", Long.toString(second)))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        // read in the chosen SIM's region (DE), not the default SIM's
        assertThat(sms.row(UUID.fromString((String) byId.get("id")))).containsEntry("sim_id", second).containsEntry("peers", "+491712345678");

        Map<String, Object> byNumber = send(token, Map.of("to", "+15557654321", "body", "hi", "number", "+49 151 12345678"))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(sms.row(UUID.fromString((String) byNumber.get("id")))).containsEntry("sim_id", second);

        Map<String, Object> numeric = new HashMap<>(Map.of("to", "+15557654321", "body", "hi"));
        numeric.put("number", second);
        Map<String, Object> byJsonNumber = send(token, numeric).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(sms.row(UUID.fromString((String) byJsonNumber.get("id")))).containsEntry("sim_id", second);
    }

    @Test
    void anotherPersonsNumberOrAnUnknownOneIs422AndNothingIsQueued() {
        String owner = accessToken(createUser(uniqueName("owner")));
        long ownersSim = sms.sim(sms.pairedHost(owner, "Phone").id(), 1, "+15551110004", "US", false);
        String otherName = createUser(uniqueName("other"));
        String other = accessToken(otherName);
        sms.sim(sms.pairedHost(other, "Phone").id(), 1, "+15551110005", "US", false);

        for (String number : List.of(Long.toString(ownersSim), "+15551110004", "999999999", "+15550000000")) {
            send(other, Map.of("to", "+15557654321", "body", "hi", "number", number))
                    .expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:unknown-reference")
                    .jsonPath("$.errors[0].field").isEqualTo("number");
        }
        assertThat(count(sms.ownerId(otherName))).isZero();
    }

    @Test
    void aPersonWithoutAPairedHostGets409() {
        String name = createUser(uniqueName("hostless"));
        String token = accessToken(name);
        send(token, Map.of("to", "+15557654321", "body", "hi")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:no-sms-host")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("no SMS host is paired"));
        // a host created but never paired cannot send either
        http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Not yet")).exchange().expectStatus().isCreated();
        send(token, Map.of("to", "+15557654321", "body", "hi")).expectStatus().isEqualTo(409);
        assertThat(count(sms.ownerId(name))).isZero();
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        String name = createUser(uniqueName("invalid"));
        String token = accessToken(name);
        sms.sim(sms.pairedHost(token, "Phone").id(), 1, "+15551110006", "US", false);
        String tooMany = IntStream.range(0, 21).mapToObj(i -> "+1555123" + String.format("%04d", i)).collect(Collectors.joining(","));

        invalid(token, Map.of("to", "+15557654321"), "body");
        invalid(token, Map.of("to", "+15557654321", "body", ""), "body");
        invalid(token, Map.of("to", "+15557654321", "body", "x".repeat(10_001)), "body");
        invalid(token, Map.of("body", "hi"), "to");
        invalid(token, Map.of("to", "call me", "body", "hi"), "to");
        invalid(token, Map.of("to", "+1555", "body", "hi"), "to");
        invalid(token, Map.of("to", "+15557654321,,+15551112222", "body", "hi"), "to");
        invalid(token, Map.of("to", tooMany, "body", "hi"), "to");
        invalid(token, Map.of("to", "+15557654321", "body", "hi", "number", "my work phone"), "number");
        send(token, Map.of("to", "+15557654321", "body", "hi", "from", "+15550000000")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
        assertThat(count(sms.ownerId(name))).isZero();

        send(token, Map.of("to", "+15557654321", "body", "x".repeat(10_000))).expectStatus().isAccepted();
        send(token, Map.of("to", tooMany.substring(tooMany.indexOf(',') + 1), "body", "twenty")).expectStatus().isAccepted();
    }

    @Test
    void aRetryUnderItsIdempotencyKeyIsTheFirstMessageAndAnotherMessageUnderItIsRefused() {
        String name = createUser(uniqueName("retry"));
        String token = accessToken(name);
        sms.sim(sms.pairedHost(token, "Phone").id(), 1, "+15551110007", "US", false);
        String key = UUID.randomUUID().toString();

        Map<String, Object> first = send(token, Map.of("to", "+15557654321", "body", "are we still on?"), key)
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        // the client never saw that answer (a timeout, a dropped connection) and sends the request again
        Map<String, Object> retry = send(token, Map.of("to", "(555) 765-4321", "body", "are we still on?"), key)
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("Location", "/api/v1/messages/" + first.get("id"))
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(retry).containsEntry("id", first.get("id")).containsEntry("created_at", first.get("created_at"));
        assertThat(count(sms.ownerId(name))).isEqualTo(1);

        send(token, Map.of("to", "+15557654321", "body", "another text"), key).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:idempotency-key-reused")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(key).contains((String) first.get("id")));
        send(token, Map.of("to", "+15551112222", "body", "are we still on?"), key).expectStatus().isEqualTo(422);
        // the same words under another key, or under none, are texts of their own
        send(token, Map.of("to", "+15557654321", "body", "are we still on?"), UUID.randomUUID().toString()).expectStatus().isAccepted();
        send(token, Map.of("to", "+15557654321", "body", "are we still on?")).expectStatus().isAccepted();
        send(token, Map.of("to", "+15557654321", "body", "are we still on?")).expectStatus().isAccepted();
        assertThat(count(sms.ownerId(name))).isEqualTo(4);
    }

    @Test
    void anIdempotencyKeyIsOneOfTheCallersOwn() {
        String key = "order-1234-reminder";
        String one = accessToken(createUser(uniqueName("keyone")));
        String other = accessToken(createUser(uniqueName("keytwo")));
        sms.sim(sms.pairedHost(one, "Phone").id(), 1, "+15551110008", "US", false);
        sms.sim(sms.pairedHost(other, "Phone").id(), 1, "+15551110009", "US", false);

        Map<String, Object> mine = send(one, Map.of("to", "+15557654321", "body", "your order is ready"), key)
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> theirs = send(other, Map.of("to", "+15557654321", "body", "something else entirely"), key)
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(theirs.get("id")).isNotEqualTo(mine.get("id"));
    }

    @Test
    void aMalformedIdempotencyKeyIsRefusedByName() {
        String token = accessToken(createUser(uniqueName("badkey")));
        sms.sim(sms.pairedHost(token, "Phone").id(), 1, "+15551110010", "US", false);
        for (String key : List.of("x".repeat(256), "two words", "caf\u00e9")) {
            send(token, Map.of("to", "+15557654321", "body", "hi"), key).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-input")
                    .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        }
        send(token, Map.of("to", "+15557654321", "body", "hi"), "x".repeat(255)).expectStatus().isAccepted();
    }

    @Test
    void hostAccountsAreRefusedAndAnonymousCallersUnauthenticated() {
        String token = accessToken(createUser(uniqueName("owner")));
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        String hostToken = (String) login(host.username(), host.password()).get("access_token");
        send(hostToken, Map.of("to", "+15557654321", "body", "hi")).expectStatus().isForbidden();
        http.get().uri("/api/v1/messages").headers(h -> h.setBearerAuth(hostToken)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/messages/stream").headers(h -> h.setBearerAuth(hostToken)).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/messages").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("to", "+15557654321", "body", "hi"))
                .exchange().expectStatus().isUnauthorized();
    }

    private void invalid(String token, Map<String, ?> body, String field) {
        send(token, body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private WebTestClient.ResponseSpec send(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec send(String token, Map<String, ?> body, String idempotencyKey) {
        return http.post().uri("/api/v1/messages").headers(h -> {
            h.setBearerAuth(token);
            h.set("Idempotency-Key", idempotencyKey);
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long count(long ownerId) {
        return db.sql("SELECT count(*) AS n FROM sms_messages WHERE owner_id = :owner").bind("owner", ownerId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
