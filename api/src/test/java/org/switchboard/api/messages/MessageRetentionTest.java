package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ApiTest;

/** Per-number retention: set with {@code PATCH /api/v1/numbers/{id}}, applied by the periodic sweep. */
class MessageRetentionTest extends ApiTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    MessageRetention retention;

    /**
     * The periodic sweep is stopped while the test builds its rows: a pass between writing {@code oldUnrouted} and
     * clearing its {@code routed_at} would delete it, and one before the test's own would leave that one nothing.
     */
    @Test
    void deletesOnlyThatNumbersOldMessagesAndKeepsWhatTheGatewayStillOwes() {
        retention.stop();
        try {
            deletesOnlyOldMessages();
        } finally {
            retention.start();
        }
    }

    private void deletesOnlyOldMessages() {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("disposable"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long burner = sms.sim(host.id(), 1, "+15551140001", "US", false);
        long main = sms.sim(host.id(), 2, "+15551140002", "US", true);
        long owner = sms.ownerId(name);
        http.patch().uri("/api/v1/numbers/" + burner).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("retention_hours", 2)).exchange().expectStatus().isOk();

        UUID oldDelivered = sms.message(owner, host.id(), burner, "out", "+15557654321", "delivered", Duration.ofHours(3));
        UUID oldReceived = sms.message(owner, host.id(), burner, "in", "+15557654321", "received", Duration.ofHours(5));
        UUID oldFailed = sms.message(owner, host.id(), burner, "out", "+15557654321", "failed", Duration.ofDays(30));
        UUID recent = sms.message(owner, host.id(), burner, "in", "+15557654321", "received", Duration.ofMinutes(90));
        UUID oldQueued = sms.message(owner, host.id(), burner, "out", "+15557654321", "queued", Duration.ofHours(3));
        UUID oldAccepted = sms.message(owner, host.id(), burner, "out", "+15557654321", "accepted", Duration.ofHours(3));
        UUID oldUnrouted = sms.message(owner, host.id(), burner, "in", "+15557654321", "received", Duration.ofHours(3));
        db.sql("UPDATE sms_messages SET routed_at = NULL WHERE public_id = :id").bind("id", oldUnrouted).then().block();
        UUID oldOnMain = sms.message(owner, host.id(), main, "in", "+15557654321", "received", Duration.ofDays(400));

        // another person's number with a short retention does not touch this one's
        String otherToken = accessToken(createUser(uniqueName("other")));
        long othersSim = sms.sim(sms.pairedHost(otherToken, "Phone").id(), 1, "+15551140003", "US", false);
        db.sql("UPDATE sms_sims SET retention_hours = 1 WHERE id = :id").bind("id", othersSim).then().block();

        assertThat(retention.sweep().block()).isGreaterThanOrEqualTo(3);

        List<String> left = db.sql("SELECT public_id::text AS id FROM sms_messages WHERE owner_id = :owner ORDER BY id")
                .bind("owner", owner).map(row -> row.get("id", String.class)).all().collectList().block();
        assertThat(left).containsExactlyInAnyOrder(recent.toString(), oldQueued.toString(), oldAccepted.toString(),
                oldUnrouted.toString(), oldOnMain.toString());
        assertThat(left).doesNotContain(oldDelivered.toString(), oldReceived.toString(), oldFailed.toString());
        // their stream events went with them
        assertThat(db.sql("SELECT count(*) AS n FROM sms_events e JOIN sms_messages m ON m.id = e.message_id WHERE m.public_id = :id")
                .bind("id", recent).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) AS n FROM sms_events WHERE owner_id = :owner").bind("owner", owner)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(5);
    }
}
