package org.switchboard.api.messages;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Paired hosts, SIMs and stored messages for the messages tests, made the way the gateway makes them. */
final class SmsFixture {

    /** A paired host: its id and the credentials its phone got. */
    record PairedHost(UUID id, String username, String password) {
    }

    private final WebTestClient http;
    private final DatabaseClient db;

    SmsFixture(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
    }

    /** Creates a host through the API and pairs it with its code, as the phone would. */
    @SuppressWarnings("unchecked")
    PairedHost pairedHost(String token, String name) {
        Map<String, Object> created = http.post().uri("/api/v1/hosts").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> paired = http.post().uri("/api/v1/hosts/pair").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", created.get("code")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String jid = (String) paired.get("jid");
        return new PairedHost(UUID.fromString((String) created.get("id")), jid.substring(0, jid.indexOf('@')), (String) paired.get("password"));
    }

    /** A SIM as the host's {@code hello} reports it. */
    long sim(UUID hostId, int subscriptionId, String number, String region, boolean isDefault) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, carrier, number, region, is_default) "
                        + "VALUES (:host, :sub, :slot, 'Example Mobile', :number, :region, :default) RETURNING id")
                .bind("host", hostId).bind("sub", subscriptionId).bind("slot", subscriptionId - 1).bind("default", isDefault);
        insert = number == null ? insert.bindNull("number", String.class) : insert.bind("number", number);
        insert = region == null ? insert.bindNull("region", String.class) : insert.bind("region", region);
        return insert.map(row -> row.get("id", Long.class)).one().block();
    }

    long ownerId(String username) {
        return db.sql("SELECT id FROM accounts WHERE localpart = :name").bind("name", username)
                .map(row -> row.get("id", Long.class)).one().block();
    }

    /** A message stored as the gateway stores one, {@code age} ago; incoming ones count as routed. */
    UUID message(long ownerId, UUID hostId, Long simId, String direction, String peer, String state, Duration age) {
        UUID id = UUID.randomUUID();
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, peers, conversation, body, state,
                                                  created_at, routed_at, accepted_at, failed_at, expired_at)
                        VALUES (:id, :owner, :host, :sim, :direction, ARRAY[:peer], :peer, 'text', :state, :at,
                                CASE WHEN :direction = 'in' THEN now() END,
                                CASE WHEN :state IN ('accepted', 'sent', 'delivered') THEN :at END,
                                CASE WHEN :state = 'failed' THEN :at END, CASE WHEN :state = 'expired' THEN :at END)""")
                .bind("id", id).bind("owner", ownerId).bind("host", hostId).bind("direction", direction)
                .bind("peer", peer).bind("state", state).bind("at", OffsetDateTime.now(ZoneOffset.UTC).minus(age));
        insert = simId == null ? insert.bindNull("sim", Long.class) : insert.bind("sim", simId);
        insert.then().block();
        return id;
    }

    Map<String, Object> row(UUID publicId) {
        return db.sql("SELECT owner_id, sim_id, host_id, direction, array_to_string(peers, ',') AS peers, conversation, body, state "
                        + "FROM sms_messages WHERE public_id = :id")
                .bind("id", publicId).fetch().one().block();
    }
}
