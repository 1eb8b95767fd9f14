package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;

/** {@code GET /api/v1/messages} and {@code /{id}}: filters, keyset paging both ways, and only one's own messages. */
@SuppressWarnings("unchecked")
class MessageHistoryApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    SmsFixture sms;

    @BeforeEach
    void fixture() {
        sms = new SmsFixture(http, db);
    }

    @Test
    void pagesBackwardsAndForwardsWithoutGapsOrRepeats() {
        String name = createUser(uniqueName("pager"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551120001", "US", false);
        long owner = sms.ownerId(name);
        List<UUID> stored = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // equal times for some: the order is the id's, not the clock's
            stored.add(sms.message(owner, host.id(), sim, i % 2 == 0 ? "out" : "in", "+1555765" + String.format("%04d", i), "delivered",
                    Duration.ofMinutes(30 - i / 3)));
        }
        List<UUID> newestFirst = new ArrayList<>(stored);
        java.util.Collections.reverse(newestFirst);

        List<UUID> backwards = new ArrayList<>();
        String query = "?limit=5";
        boolean more = true;
        while (more) {
            Map<String, Object> page = get(token, "/api/v1/messages" + query);
            List<Map<String, Object>> messages = (List<Map<String, Object>>) page.get("messages");
            messages.forEach(m -> backwards.add(UUID.fromString((String) m.get("id"))));
            more = (Boolean) page.get("has_more");
            assertThat(messages).hasSize(more ? 5 : 3);
            query = "?limit=5&before=" + messages.get(messages.size() - 1).get("id");
        }
        assertThat(backwards).containsExactlyElementsOf(newestFirst);

        List<UUID> forwards = new ArrayList<>();
        query = "?limit=4&after=" + stored.get(0);
        more = true;
        while (more) {
            Map<String, Object> page = get(token, "/api/v1/messages" + query);
            List<Map<String, Object>> messages = (List<Map<String, Object>>) page.get("messages");
            messages.forEach(m -> forwards.add(UUID.fromString((String) m.get("id"))));
            more = (Boolean) page.get("has_more");
            if (!messages.isEmpty()) {
                query = "?limit=4&after=" + messages.get(messages.size() - 1).get("id");
            }
        }
        assertThat(forwards).containsExactlyElementsOf(stored.subList(1, stored.size()));
        assertThat(new HashSet<>(forwards)).hasSize(forwards.size());

        // a message arriving while paging back does not shift the pages already cut
        UUID cursor = backwards.get(9);
        List<UUID> before = ids(get(token, "/api/v1/messages?limit=5&before=" + cursor));
        sms.message(owner, host.id(), sim, "in", "+15557650099", "received", Duration.ZERO);
        assertThat(ids(get(token, "/api/v1/messages?limit=5&before=" + cursor))).isEqualTo(before).isEqualTo(backwards.subList(10, 15));
    }

    @Test
    void filtersByNumberPeerTimeAndDirection() {
        String name = createUser(uniqueName("filter"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long work = sms.sim(host.id(), 1, "+15551120002", "US", true);
        long home = sms.sim(host.id(), 2, "+15551120003", "US", false);
        long owner = sms.ownerId(name);
        UUID oldOut = sms.message(owner, host.id(), work, "out", "+15557654321", "delivered", Duration.ofDays(3));
        UUID oldIn = sms.message(owner, host.id(), work, "in", "+15557654321", "received", Duration.ofDays(2));
        UUID homeIn = sms.message(owner, host.id(), home, "in", "+15559990000", "received", Duration.ofHours(5));
        UUID newOut = sms.message(owner, host.id(), work, "out", "+15559990000", "failed", Duration.ofHours(1));

        assertThat(ids(get(token, "/api/v1/messages"))).containsExactly(newOut, homeIn, oldIn, oldOut);
        assertThat(ids(get(token, "/api/v1/messages?number=" + work))).containsExactly(newOut, oldIn, oldOut);
        assertThat(ids(get(token, "/api/v1/messages?number=%2B15551120003"))).containsExactly(homeIn);
        assertThat(ids(get(token, "/api/v1/messages?peer=(555)%20765-4321"))).containsExactly(oldIn, oldOut);
        assertThat(ids(get(token, "/api/v1/messages?peer=%2B15559990000&direction=in"))).containsExactly(homeIn);
        assertThat(ids(get(token, "/api/v1/messages?direction=out"))).containsExactly(newOut, oldOut);
        Instant now = Instant.now();
        assertThat(ids(get(token, "/api/v1/messages?since=" + now.minus(Duration.ofDays(1))))).containsExactly(newOut, homeIn);
        assertThat(ids(get(token, "/api/v1/messages?until=" + now.minus(Duration.ofHours(3)) + "&since="
                + now.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(1))))).containsExactly(homeIn, oldIn);

        Map<String, Object> one = get(token, "/api/v1/messages/" + newOut);
        assertThat(one).containsEntry("direction", "out").containsEntry("peers", List.of("+15559990000")).containsEntry("state", "failed")
                .containsEntry("number", "+15551120002").containsEntry("number_id", (int) work).containsEntry("body", "text")
                .containsKeys("created_at", "sent_at", "delivered_at", "failed_at", "failure_code", "failure_reason", "parts");

        for (String bad : List.of("number=work", "peer=nobody", "since=yesterday", "until=2026-13-01T00:00:00Z", "direction=up",
                "limit=0", "limit=201", "before=12", "after=" + UUID.randomUUID(), "before=" + oldIn + "&after=" + oldOut)) {
            String field = bad.substring(0, bad.indexOf('='));
            http.get().uri("/api/v1/messages?" + bad).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        }
    }

    @Test
    void anotherPersonsMessagesAreNeitherListedNorFound() {
        String name = createUser(uniqueName("owner"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551120004", "US", false);
        UUID mine = sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654321", "received", Duration.ofMinutes(1));

        String other = accessToken(createUser(uniqueName("other")));
        String admin = accessToken(createAdmin(uniqueName("admin")));
        for (String stranger : List.of(other, admin)) {
            assertThat(ids(get(stranger, "/api/v1/messages"))).isEmpty();
            assertThat(ids(get(stranger, "/api/v1/messages?number=" + sim))).isEmpty();
            http.get().uri("/api/v1/messages/" + mine).headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isNotFound();
            http.get().uri("/api/v1/messages?before=" + mine).headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isBadRequest();
        }
        http.get().uri("/api/v1/messages/not-an-id").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
        assertThat(ids(get(token, "/api/v1/messages"))).containsExactly(mine);
    }

    private static List<UUID> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("messages")).stream().map(m -> UUID.fromString((String) m.get("id"))).toList();
    }

    private Map<String, Object> get(String token, String uri) {
        // already encoded: the string template would encode the '%' of %2B again
        WebTestClient.ResponseSpec response = http.get().uri(java.net.URI.create("http://127.0.0.1:" + port + uri)).headers(h -> h.setBearerAuth(token)).exchange();
        return response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
