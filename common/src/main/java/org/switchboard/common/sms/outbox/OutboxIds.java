package org.switchboard.common.sms.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 */
final class OutboxIds {

    private OutboxIds() {
    }

    static UUID publicId(OutboxStore.NewMessage message) {
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
            return UUID.randomUUID();
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long high = hash.getLong();
        long low = hash.getLong();
        // RFC 9562's version 8 (a custom layout) and its variant, so the id reads as the UUID it is
        high = (high & ~0xF000L) | 0x8000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
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
