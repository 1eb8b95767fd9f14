package org.switchboard.common.sms.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The public id a message is queued under. A message an XMPP client sent with an id gets one derived from all a
 * resend of it repeats: the person, the conversation, the XMPP id, the text and the media. A client resends what
 * the server never acknowledged (stream management, after a crash between the commit and {@code <a/>}), and the
 * resend then meets the row already queued and leaves the phone once ({@code sms_enqueue}, V59). Two texts alike
 * but for their ids stay two messages; a client that reuses an id for a different text loses nothing either, as the
 * text is part of the key.
 *
 * <p>A REST API client names its message itself with an {@code Idempotency-Key}: the id is derived from the person
 * and that key alone, so a retry with the key is the first message whatever it carries, and the API refuses one
 * whose text or recipients differ (ADR 0028). Without either there is nothing to know a resend by: a random id.
 *
 * <p>A derived id also holds the UTC day it was made on, and {@code sms_enqueue} (V60) takes a text whose id of the
 * day before names a row as a resend of that row too. So a resend is known as one for at least a day and at most
 * two: some clients count their ids from 1 in each session, and the same words under the same id days later are a
 * new text.
 */
final class OutboxIds {

    private OutboxIds() {
    }

    /** The id a message is queued under on the day of {@code at}; random when nothing can tell its resends. */
    static UUID publicId(OutboxStore.NewMessage message, Instant at) {
        return derived(message, utcDay(at)).orElseGet(UUID::randomUUID);
    }

    /** The id the same message would have had the day before {@code at}, or null when it has no derived id. */
    static UUID previousDayId(OutboxStore.NewMessage message, Instant at) {
        return derived(message, utcDay(at) - 1).orElse(null);
    }

    private static long utcDay(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    private static Optional<UUID> derived(OutboxStore.NewMessage message, long day) {
        MessageDigest sha256 = sha256();
        if (message.idempotencyKey() != null) {
            field(sha256, "sms-api-v1");
            field(sha256, Long.toString(message.ownerId()));
            field(sha256, message.idempotencyKey());
        } else if (message.xmppId() != null && !message.xmppId().isEmpty()) {
            field(sha256, "sms-out-v1");
            field(sha256, Long.toString(message.ownerId()));
            field(sha256, message.to().key());
            field(sha256, message.xmppId());
            field(sha256, message.body());
            field(sha256, MmsMedia.toJson(message.media()));
        } else {
            return Optional.empty();
        }
        field(sha256, Long.toString(day));
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long high = hash.getLong();
        long low = hash.getLong();
        // RFC 9562's version 8 (a custom layout) and its variant, so the id reads as the UUID it is
        high = (high & ~0xF000L) | 0x8000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Optional.of(new UUID(high, low));
    }

    /** Each field with its length first, so that no two different lists of fields hash the same bytes. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(5).putInt(bytes.length).put((byte) (value == null ? 0 : 1)).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
