package org.switchboard.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ApiTest;
import org.switchboard.common.account.AccountKind;

/**
 * {@code GET /api/v1/calls} and {@code GET /api/v1/admin/calls} over real HTTP. The records are written into
 * {@code sip_calls} as the SIP gateway writes them (its own tests, CallRecordsSippTest, make them with real calls;
 * the API module does not run the gateway).
 */
class CallsApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    private long id(String name) {
        return accounts.find(name).block().id();
    }

    private long record(String caller, String callee, Instant started, Integer status, boolean answered, String contact) {
        var spec = db.sql("INSERT INTO sip_calls (call_id, caller_id, callee_id, from_uri, to_uri, started_at, answered_at, ended_at, "
                        + "status, answered_by) VALUES (:call, :caller, :callee, :from, :to, :started, :answered, :ended, :status, :contact) "
                        + "RETURNING id")
                .bind("call", "c-" + started.toEpochMilli()).bind("caller", id(caller)).bind("callee", id(callee))
                .bind("from", "sip:" + caller + "@test").bind("to", "sip:" + callee + "@test").bind("started", at(started))
                .bind("ended", at(started.plusSeconds(30))).bind("status", status);
        spec = answered ? spec.bind("answered", at(started.plusSeconds(5))) : spec.bindNull("answered", OffsetDateTime.class);
        spec = contact == null ? spec.bindNull("contact", String.class) : spec.bind("contact", contact);
        return spec.map(row -> row.get("id", Long.class)).one().block();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls(String token, String query) {
        Map<String, Object> page = http.get().uri("/api/v1/calls" + query).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("calls");
    }

    @Test
    void aPersonSeesOnlyTheirOwnCallsAndAnAdminSeesEveryCall() {
        String alice = createUser(uniqueName("alice"));
        String bob = createUser(uniqueName("bob"));
        String carol = createUser(uniqueName("carol"));
        String dave = createUser(uniqueName("dave"));
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        long answered = record(alice, bob, t, 200, true, "sip:bob@192.0.2.7:5060");
        long busy = record(carol, bob, t.plusSeconds(60), 486, false, null);
        long elsewhere = record(carol, dave, t.plusSeconds(120), 487, false, null);

        List<Map<String, Object>> aliceCalls = calls(accessToken(alice), "");
        assertThat(aliceCalls).hasSize(1);
        assertThat(aliceCalls.get(0)).containsEntry("id", (int) answered).containsEntry("direction", "out")
                .containsEntry("result", "answered").containsEntry("caller", alice).containsEntry("callee", bob)
                .containsEntry("status", 200).containsKeys("started_at", "answered_at", "ended_at")
                .containsEntry("answered_by", null)   // where bob's phone is is not the caller's business
                .containsEntry("call_id", null);

        List<Map<String, Object>> bobCalls = calls(accessToken(bob), "");
        assertThat(bobCalls).extracting(call -> call.get("id")).containsExactly((int) busy, (int) answered);
        assertThat(bobCalls.get(0)).containsEntry("direction", "in").containsEntry("result", "busy");
        assertThat(bobCalls.get(1)).containsEntry("answered_by", "sip:bob@192.0.2.7:5060");

        String carolToken = accessToken(carol);
        assertThat(calls(carolToken, "")).extracting(call -> call.get("id")).containsExactly((int) elsewhere, (int) busy);
        assertThat(calls(carolToken, "?since=" + t.plusSeconds(90))).extracting(call -> call.get("id")).containsExactly((int) elsewhere);
        assertThat(calls(carolToken, "?until=" + t.plusSeconds(90))).extracting(call -> call.get("id")).containsExactly((int) busy);
        assertThat(calls(accessToken(dave), "")).extracting(call -> call.get("result")).containsExactly("cancelled");

        String admin = accessToken(createAdmin(uniqueName("root")));
        assertThat(calls(admin, "")).as("an admin's own calls: none").isEmpty();
        http.get().uri("/api/v1/admin/calls?since=" + t + "&until=" + t.plusSeconds(180) + "&limit=200").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.calls[?(@.id == " + answered + ")].answered_by").isEqualTo("sip:bob@192.0.2.7:5060")
                .jsonPath("$.calls[?(@.id == " + elsewhere + ")].caller").isEqualTo(carol)
                .jsonPath("$.calls[?(@.id == " + answered + ")].call_id").isEqualTo("c-" + t.toEpochMilli());
    }

    @Test
    void pagesFollowNextBefore() {
        String erin = createUser(uniqueName("erin"));
        String frank = createUser(uniqueName("frank"));
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        long first = record(erin, frank, t, 480, false, null);
        long second = record(frank, erin, t.plusSeconds(10), 408, false, null);
        String token = accessToken(erin);

        @SuppressWarnings("unchecked")
        Map<String, Object> page = http.get().uri("/api/v1/calls?limit=1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) page.get("calls")).hasSize(1);
        assertThat(page.get("next_before")).isEqualTo((int) second);
        assertThat(calls(token, "?limit=1&before=" + second)).extracting(call -> call.get("result")).containsExactly("unavailable");
        assertThat(calls(token, "?before=" + first)).isEmpty();
    }

    @Test
    void hostsAndNonAdminsAreRefusedAndBadInputIs400() {
        String host = uniqueName("host");
        accounts.create(host, PASSWORD, AccountKind.HOST, Set.of()).block();
        http.get().uri("/api/v1/calls").headers(h -> h.setBearerAuth(accessToken(host))).exchange().expectStatus().isForbidden();

        String user = accessToken(createUser(uniqueName("mallory")));
        http.get().uri("/api/v1/admin/calls").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/calls").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/calls?limit=0").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/calls?since=yesterday").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("since must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
    }
}
