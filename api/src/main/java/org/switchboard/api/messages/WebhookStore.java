package org.switchboard.api.messages;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.secrets.SecretBox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's webhooks in {@code sms_webhooks} and their delivery log; every lookup is by owner. Secrets are
 * stored sealed ({@link SecretBox}, ADR 0022) and opened only to sign a delivery.
 */
final class WebhookStore {

    private static final Logger log = LoggerFactory.getLogger(WebhookStore.class);

    /**
     * A webhook. {@code storedSecret} is the sealed secret, or for a row written before V24 and not sealed
     * yet the secret itself ({@code sealed} false); the secret is only ever shown in the answer that created it.
     */
    record Webhook(UUID id, long ownerId, String url, String storedSecret, boolean sealed, Instant createdAt,
                   MessageEvents.Position cursor, int failures) {

        @Override
        public String toString() {
            return "Webhook[" + id + " " + url + "]"; // never the secret, not even sealed
        }
    }

    /** One attempt to deliver one event. */
    record Delivery(long id, String eventId, String eventKind, int attempt, Integer status, String error, boolean delivered, Instant at) {
    }

    private static final String COLUMNS = "id, owner_id, url, secret, secret_sealed, created_at, cursor_tx, cursor_id, failures";

    private final DatabaseClient db;
    private final SecretBox box;

    WebhookStore(DatabaseClient db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** A new webhook gets the events from now on; its secret is sealed before it reaches the database. */
    Mono<Webhook> create(long ownerId, String url, String secret, MessageEvents.Position from) {
        UUID id = UUID.randomUUID();
        return db.sql("INSERT INTO sms_webhooks (id, owner_id, url, secret_sealed, cursor_tx, cursor_id) "
                        + "VALUES (:id, :owner, :url, :sealed, :tx, :cid) RETURNING " + COLUMNS)
                .bind("id", id).bind("owner", ownerId).bind("url", url).bind("sealed", box.seal(secret, context(id)))
                .bind("tx", from.tx()).bind("cid", from.id())
                .map(WebhookStore::webhook).one();
    }

    /** The secret that signs this webhook's deliveries. */
    String signingSecret(Webhook webhook) {
        return webhook.sealed() ? box.open(webhook.storedSecret(), context(webhook.id())) : webhook.storedSecret();
    }

    /**
     * Seals every secret still stored in clear (rows from before V24); returns how many. Each row is changed only
     * if its clear secret is still the one read, so two processes starting at once do not trip over each other.
     */
    Mono<Long> sealClearSecrets() {
        return db.sql("SELECT id, secret FROM sms_webhooks WHERE secret IS NOT NULL")
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("secret", String.class))).all()
                .concatMap(clear -> db.sql("UPDATE sms_webhooks SET secret_sealed = :sealed, secret = NULL WHERE id = :id AND secret = :clear")
                        .bind("sealed", box.seal(clear.getValue(), context(clear.getKey()))).bind("id", clear.getKey())
                        .bind("clear", clear.getValue()).fetch().rowsUpdated())
                .reduce(0L, Long::sum)
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("Sealed {} webhook secrets that were stored in clear (key {})", count, box.keyId());
                    }
                });
    }

    /** Associated data of a sealed secret: it opens only in its own row. */
    private static String context(UUID id) {
        return "sms_webhooks.secret:" + id;
    }

    Flux<Webhook> list(long ownerId) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_webhooks WHERE owner_id = :owner ORDER BY created_at, id")
                .bind("owner", ownerId).map(WebhookStore::webhook).all();
    }

    Mono<Webhook> find(long ownerId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_webhooks WHERE owner_id = :owner AND id = :id")
                .bind("owner", ownerId).bind("id", id).map(WebhookStore::webhook).one();
    }

    /** The webhook's row now; empty once it is deleted. */
    Mono<Webhook> current(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_webhooks WHERE id = :id").bind("id", id).map(WebhookStore::webhook).one();
    }

    Mono<Boolean> delete(long ownerId, UUID id) {
        return db.sql("DELETE FROM sms_webhooks WHERE owner_id = :owner AND id = :id")
                .bind("owner", ownerId).bind("id", id).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    Flux<Delivery> deliveries(UUID webhookId, int limit) {
        return db.sql("SELECT id, event_id, event_kind, attempt, status, error, delivered, at FROM sms_webhook_deliveries "
                        + "WHERE webhook_id = :id ORDER BY id DESC LIMIT :limit")
                .bind("id", webhookId).bind("limit", limit)
                .map(row -> new Delivery(row.get("id", Long.class), row.get("event_id", String.class), row.get("event_kind", String.class),
                        row.get("attempt", Integer.class), row.get("status", Integer.class), row.get("error", String.class),
                        Boolean.TRUE.equals(row.get("delivered", Boolean.class)), row.get("at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Takes every due webhook for {@code lease}; another process skips them meanwhile. */
    Flux<Webhook> claimDue(Duration lease) {
        return db.sql("UPDATE sms_webhooks SET lease_until = now() + make_interval(secs => :lease) "
                        + "WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) RETURNING " + COLUMNS)
                .bind("lease", (double) lease.toSeconds()).map(WebhookStore::webhook).all();
    }

    /** The event was delivered: move past it, forget earlier failures, log it. */
    Mono<Void> delivered(UUID webhookId, MessageEvents.Position position, String kind, int attempt, int status) {
        return db.sql("UPDATE sms_webhooks SET cursor_tx = :tx, cursor_id = :cid, failures = 0, next_attempt_at = now() WHERE id = :id")
                .bind("tx", position.tx()).bind("cid", position.id()).bind("id", webhookId).then()
                .then(log(webhookId, position.text(), kind, attempt, status, null, true));
    }

    /** The event was not delivered: it is tried again after {@code backoff}, nothing after it before. */
    Mono<Void> failed(UUID webhookId, MessageEvents.Position position, String kind, int attempt, Integer status, String error, Duration backoff) {
        return db.sql("UPDATE sms_webhooks SET failures = failures + 1, next_attempt_at = now() + make_interval(secs => :wait), "
                        + "lease_until = NULL WHERE id = :id")
                .bind("wait", backoff.toMillis() / 1000.0).bind("id", webhookId).then()
                .then(log(webhookId, position.text(), kind, attempt, status, error, false));
    }

    Mono<Void> release(UUID webhookId) {
        return db.sql("UPDATE sms_webhooks SET lease_until = NULL WHERE id = :id").bind("id", webhookId).then();
    }

    /** Forgets log entries older than {@code kept}. */
    Mono<Long> pruneLog(Duration kept) {
        return db.sql("DELETE FROM sms_webhook_deliveries WHERE at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) kept.toSeconds()).fetch().rowsUpdated();
    }

    private Mono<Void> log(UUID webhookId, String eventId, String kind, int attempt, Integer status, String error, boolean delivered) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO sms_webhook_deliveries (webhook_id, event_id, event_kind, attempt, status, "
                        + "error, delivered) VALUES (:id, :event, :kind, :attempt, :status, :error, :delivered)")
                .bind("id", webhookId).bind("event", eventId).bind("kind", kind).bind("attempt", attempt).bind("delivered", delivered);
        spec = status == null ? spec.bindNull("status", Integer.class) : spec.bind("status", status);
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", error.length() > 500 ? error.substring(0, 500) : error);
        return spec.then();
    }

    private static Webhook webhook(Readable row) {
        String sealed = row.get("secret_sealed", String.class);
        return new Webhook(row.get("id", UUID.class), row.get("owner_id", Long.class), row.get("url", String.class),
                sealed != null ? sealed : row.get("secret", String.class), sealed != null, row.get("created_at", OffsetDateTime.class).toInstant(),
                new MessageEvents.Position(row.get("cursor_tx", Long.class), row.get("cursor_id", Long.class)),
                row.get("failures", Integer.class));
    }
}
