package org.switchboard.api.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;

/** A person's numbers: the SIMs of their hosts, as the gateway stored them. */
@SuppressWarnings("unchecked")
class HostNumbersApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    @Test
    void listsEverySimOfThePersonsHostsAndChangesLabelAndRetention() {
        String owner = accessToken(createUser(uniqueName("owner")));
        String kitchen = host(owner, "Kitchen");
        String spare = host(owner, "Spare");
        long work = sim(kitchen, 1, 0, "+15551110001");
        sim(kitchen, 2, 1, null);
        sim(spare, 7, 0, "+15551110007");

        List<?> numbers = list(owner);
        assertThat(numbers).hasSize(3);
        Map<String, Object> first = (Map<String, Object>) numbers.get(0);
        assertThat(first.get("id")).isEqualTo((int) work);
        assertThat(first.get("number")).isEqualTo("+15551110001");
        assertThat(first.get("carrier")).isEqualTo("Example Mobile");
        assertThat(first.get("host_id")).isEqualTo(kitchen);
        assertThat(first.get("subscription_id")).isEqualTo(1);
        assertThat(first).containsEntry("label", null).containsEntry("retention_hours", null);

        patch(owner, work, Map.of("label", "Work", "retention_hours", 48)).expectStatus().isOk()
                .expectBody().jsonPath("$.label").isEqualTo("Work").jsonPath("$.retention_hours").isEqualTo(48);
        patch(owner, work, Map.of("label", "Work line")).expectStatus().isOk()
                .expectBody().jsonPath("$.retention_hours").isEqualTo(48);
        Map<String, Object> keepForever = new HashMap<>();
        keepForever.put("retention_hours", null);
        patch(owner, work, keepForever).expectStatus().isOk()
                .expectBody().jsonPath("$.label").isEqualTo("Work line").jsonPath("$.retention_hours").doesNotExist();
        assertThat((Map<String, Object>) list(owner).get(0)).containsEntry("retention_hours", null).containsEntry("label", "Work line");
    }

    @Test
    void patchIsValidated() {
        String owner = accessToken(createUser(uniqueName("owner")));
        long id = sim(host(owner, "Phone"), 1, 0, "+15551110002");
        patch(owner, id, Map.of("retention_hours", 0)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("retention_hours");
        patch(owner, id, Map.of("retention_hours", -5)).expectStatus().isBadRequest();
        patch(owner, id, Map.of("label", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("label");
        patch(owner, id, Map.of("label", "x".repeat(101))).expectStatus().isBadRequest();
        patch(owner, id, Map.of()).expectStatus().isBadRequest();
        patch(owner, id, Map.of("number", "+15559999999")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
        assertThat((Map<String, Object>) list(owner).get(0)).containsEntry("number", "+15551110002").containsEntry("retention_hours", null);
    }

    @Test
    void anotherPersonsNumberIs404AndNotListed() {
        String owner = accessToken(createUser(uniqueName("owner")));
        long id = sim(host(owner, "Phone"), 1, 0, "+15551110003");
        String other = accessToken(createUser(uniqueName("other")));
        String admin = accessToken(createAdmin(uniqueName("admin")));
        for (String stranger : List.of(other, admin)) {
            assertThat(list(stranger)).isEmpty();
            patch(stranger, id, Map.of("label", "Mine")).expectStatus().isNotFound();
        }
        patch(other, 0, Map.of("label", "x")).expectStatus().isNotFound();
        http.patch().uri("/api/v1/numbers/abc").headers(h -> h.setBearerAuth(other)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "x")).exchange().expectStatus().isNotFound();
        assertThat((Map<String, Object>) list(owner).get(0)).containsEntry("label", null);
    }

    private String host(String token, String name) {
        return (String) http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private List<?> list(String token) {
        return http.get().uri("/api/v1/numbers").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec patch(String token, long id, Map<String, ?> body) {
        return http.patch().uri("/api/v1/numbers/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private long sim(String hostId, int subscriptionId, int slot, String number) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, carrier, number) "
                        + "VALUES (:host, :sub, :slot, 'Example Mobile', :number) RETURNING id")
                .bind("host", UUID.fromString(hostId)).bind("sub", subscriptionId).bind("slot", slot);
        insert = number == null ? insert.bindNull("number", String.class) : insert.bind("number", number);
        return insert.map(row -> row.get("id", Long.class)).one().block();
    }
}
