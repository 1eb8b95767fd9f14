package org.switchboard.api.messages;

import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One SMS as the API shows it. {@code id} is the message's public id (the one the host protocol uses too);
 * {@code number} is the caller's own SIM number it left from or came to, {@code number_id} that SIM's id in
 * {@code GET /api/v1/numbers}. Each state's time is null until the message got there.
 */
record MessageView(UUID id, String direction, List<String> peers, String body, String state, Integer parts, Integer failureCode,
                   String failureReason, Long numberId, String number, Instant createdAt, Instant dispatchedAt, Instant acceptedAt,
                   Instant sentAt, Instant deliveredAt, Instant failedAt, Instant expiredAt) {

    /** The columns {@link #of} reads, from {@code sms_messages m LEFT JOIN sms_sims s}. */
    static final String COLUMNS = "m.id AS row_id, m.public_id, m.direction, m.peers, m.body, m.state, m.parts, m.failure_code, "
            + "m.failure_reason, m.sim_id, s.number AS sim_number, m.created_at, m.dispatched_at, m.accepted_at, m.sent_at, "
            + "m.delivered_at, m.failed_at, m.expired_at";
    static final String FROM = " FROM sms_messages m LEFT JOIN sms_sims s ON s.id = m.sim_id ";

    static MessageView of(Readable row) {
        return new MessageView(row.get("public_id", UUID.class), row.get("direction", String.class),
                List.of(row.get("peers", String[].class)), row.get("body", String.class), row.get("state", String.class),
                row.get("parts", Integer.class), row.get("failure_code", Integer.class), row.get("failure_reason", String.class),
                row.get("sim_id", Long.class), row.get("sim_number", String.class), time(row, "created_at"), time(row, "dispatched_at"),
                time(row, "accepted_at"), time(row, "sent_at"), time(row, "delivered_at"), time(row, "failed_at"),
                time(row, "expired_at"));
    }

    /** The same message in another state (a stream event says which state it reports). */
    MessageView inState(String newState) {
        return new MessageView(id, direction, peers, body, newState, parts, failureCode, failureReason, numberId, number, createdAt,
                dispatchedAt, acceptedAt, sentAt, deliveredAt, failedAt, expiredAt);
    }

    private static Instant time(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** The answer to {@code POST /api/v1/messages}. */
    record Queued(UUID id, String state, Instant createdAt) {
    }

    /** A page of history; {@code has_more} says whether the same query with the page's last id as cursor finds more. */
    @Schema(name = "MessagePage")
    record Page(List<MessageView> messages, boolean hasMore) {
    }
}
