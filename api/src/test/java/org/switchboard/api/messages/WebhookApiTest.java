package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ApiTest;
import org.switchboard.common.secrets.SecretBox;
import org.switchboard.common.sms.outbox.OutboxStore;

/** Webhooks against a real HTTP server in the test: signed deliveries in order, retry after a failure, the log. */
@SuppressWarnings("unchecked")
class WebhookApiTest extends ApiTest {

    /** What the receiver got: the body and the headers that matter. */
    record Received(String body, String signature, String event, String eventId) {
    }

    @Autowired
    DatabaseClient db;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The receiver answers 500 to this many requests before it answers 204. */
    final AtomicInteger failFirst = new AtomicInteger();
    /** Requests to {@code /moved}, which redirects to {@code /hook}. */
    final AtomicInteger moved = new AtomicInteger();

    @Autowired
    WebhookDelivery delivery;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failFirst.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Switchboard-Event"), exchange.getRequestHeaders().getFirst("X-Switchboard-Event-Id")));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            moved.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void eventsAreDeliveredSignedInOrderAndAFailureIsRetried() throws Exception {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("hooked"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551160001", "US", false);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Map<String, Object> created = http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url, "secret", "a-secret-of-the-receiver")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created).containsEntry("url", url).containsEntry("secret", "a-secret-of-the-receiver");
        String id = (String) created.get("id");
        Map<String, Object> stored = db.sql("SELECT secret, secret_sealed FROM sms_webhooks WHERE id = :id").bind("id", UUID.fromString(id))
                .fetch().one().block();
        assertThat(stored.get("secret")).isNull();
        assertThat((String) stored.get("secret_sealed")).startsWith("v1:").doesNotContain("a-secret-of-the-receiver");

        failFirst.set(2);
        UUID inbound = sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654321", "received", Duration.ZERO);
        OutboxStore outbox = new OutboxStore(db);
        UUID outbound = sms.message(sms.ownerId(name), host.id(), sim, "out", "+15557654321", "queued", Duration.ZERO);
        long row = db.sql("SELECT id FROM sms_messages WHERE public_id = :id").bind("id", outbound).map(r -> r.get("id", Long.class)).one().block();
        outbox.fail(row, 1, "no service").block();

        Instant deadline = Instant.now().plusSeconds(20);
        while (received.size() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(received).hasSize(3);
        assertThat(received).extracting(Received::event).containsExactly("message", "message", "state");
        for (Received each : received) {
            assertThat(each.signature()).isEqualTo(WebhookDelivery.signature("a-secret-of-the-receiver", each.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(each.body()).contains("\"id\":\"" + each.eventId() + "\"");
        }
        assertThat(received.get(0).body()).contains(inbound.toString(), "\"state\":\"received\"", "\"direction\":\"in\"");
        assertThat(received.get(2).body()).contains(outbound.toString(), "\"state\":\"failed\"", "\"failure_reason\":\"no service\"");

        // the receiver has the third event before the sender has written down its answer: wait for that entry too
        List<Map<String, Object>> log = List.of();
        for (Instant until = Instant.now().plusSeconds(20); log.size() < 5 && Instant.now().isBefore(until); Thread.sleep(100)) {
            log = http.get().uri("/api/v1/webhooks/" + id + "/deliveries").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        }
        // newest first: three delivered, and before them the first event's two failed attempts
        assertThat(log).extracting(d -> d.get("delivered")).containsExactly(true, true, true, false, false);
        assertThat(log.get(4)).containsEntry("attempt", 1).containsEntry("status", 500).containsEntry("event_id", received.get(0).eventId());
        assertThat(log.get(3)).containsEntry("attempt", 2);
        assertThat(log.get(2)).containsEntry("attempt", 3).containsEntry("status", 204);

        List<Map<String, Object>> listed = http.get().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("id", id).doesNotContainKey("secret");
    }

    @Test
    void webhooksAreValidatedAndOnlyTheOwnersOwn() {
        String token = accessToken(createUser(uniqueName("owner")));
        for (String bad : List.of("ftp://127.0.0.1/x", "https://user:pw@93.184.215.14/", "not a url", "/relative", "https://10.0.0.1/hook")) {
            http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", bad)).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("url");
        }
        http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://93.184.215.14/hook", "secret", "short")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("secret");
        Map<String, Object> created = http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://93.184.215.14/hook")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) created.get("secret")).hasSizeGreaterThanOrEqualTo(40);
        String id = (String) created.get("id");

        String other = accessToken(createUser(uniqueName("other")));
        http.get().uri("/api/v1/webhooks/" + id + "/deliveries").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/webhooks/" + id).headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isNotFound();
        assertThat(http.get().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody()).isEmpty();

        http.delete().uri("/api/v1/webhooks/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/webhooks/" + id + "/deliveries").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
    }

    @Test
    void aSecretStoredInClearBeforeV24IsSealedAtStartAndStillSigns() throws Exception {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("legacy"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551160002", "US", false);
        String id = (String) http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        // the row as a version before V24 left it: the secret in clear, nothing sealed
        delivery.stop();
        try {
            // (and without the lease a pass cut short by stop() may have left, which would hold it for two minutes)
            db.sql("UPDATE sms_webhooks SET secret = 'a-secret-kept-in-clear', secret_sealed = NULL, lease_until = NULL WHERE id = :id")
                    .bind("id", UUID.fromString(id)).then().block();
        } finally {
            delivery.start(); // what a start of the API does first: seal what is in clear
        }
        Map<String, Object> stored = db.sql("SELECT secret, secret_sealed FROM sms_webhooks WHERE id = :id").bind("id", UUID.fromString(id))
                .fetch().one().block();
        assertThat(stored.get("secret")).isNull();
        assertThat((String) stored.get("secret_sealed")).startsWith("v1:").doesNotContain("a-secret-kept-in-clear");
        assertThat(db.sql("SELECT count(*) AS n FROM sms_webhooks WHERE secret IS NOT NULL").map(r -> r.get("n", Long.class)).one().block())
                .isZero();

        sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654322", "received", Duration.ZERO);
        Instant deadline = Instant.now().plusSeconds(20);
        while (received.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(received).hasSize(1);
        Received delivered = received.get(0);
        assertThat(delivered.signature())
                .isEqualTo(WebhookDelivery.signature("a-secret-kept-in-clear", delivered.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("redirected"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551160003", "US", false);
        String id = (String) http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/moved")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654323", "received", Duration.ZERO);

        List<Map<String, Object>> log = List.of();
        Instant deadline = Instant.now().plusSeconds(20);
        while (log.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            log = http.get().uri("/api/v1/webhooks/" + id + "/deliveries").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        }
        assertThat(log).isNotEmpty();
        assertThat(log.get(log.size() - 1)).containsEntry("status", 307).containsEntry("delivered", false);
        assertThat(moved.get()).isPositive();
        assertThat(received).isEmpty(); // /hook, where the redirect points, was never called
    }

    /** A secret sealed under another key (the key file lost, or processes with different keys) fails with backoff, saying why. */
    @Test
    void aSecretSealedUnderAnotherKeyFailsSayingSo() throws Exception {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("rekeyed"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551160004", "US", false);
        String id = (String) http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        byte[] otherKey = new byte[32];
        java.util.Arrays.fill(otherKey, (byte) 9);
        SecretBox other = new SecretBox(otherKey);
        db.sql("UPDATE sms_webhooks SET secret_sealed = :sealed WHERE id = :id")
                .bind("sealed", other.seal("some-other-secret", "sms_webhooks.secret:" + id)).bind("id", UUID.fromString(id)).then().block();
        sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654325", "received", Duration.ZERO);

        List<Map<String, Object>> log = List.of();
        Instant deadline = Instant.now().plusSeconds(20);
        while (log.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            log = http.get().uri("/api/v1/webhooks/" + id + "/deliveries").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        }
        assertThat(log).isNotEmpty();
        assertThat(log.get(log.size() - 1)).containsEntry("delivered", false);
        assertThat((String) log.get(log.size() - 1).get("error")).startsWith("cannot sign:").contains("sealed under key " + other.keyId());
        assertThat(received).isEmpty();
    }
}
