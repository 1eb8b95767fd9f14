package org.switchboard.xmpp.xep.muc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import reactor.core.publisher.Mono;

/**
 * Room vCards on the table of {@code V36__muc_room_vcards.sql}: what an owner sets on the room's JID (XEP-0054), and
 * the SHA-1 of its photo, which the room advertises (XEP-0153 in presence, XEP-0486 in {@code muc#roominfo}).
 */
final class RoomVCards {

    /** The same bound as an account's vCard: room for a small photo, well under the stanza limit. */
    static final int MAX_BYTES = 128 * 1024;

    private final DatabaseClient db;

    RoomVCards(DatabaseClient db) {
        this.db = db;
    }

    /** A vCard the room refuses, with the reason the owner is told. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The vCard as stored and its photo's hash (null: no embedded photo). */
    record Checked(String xml, String photoHash) {
    }

    /** Checks a vCard an owner sets: its size, and that an embedded photo is base64 (else no hash could be given). */
    static Checked check(Element vcard) throws Invalid {
        String xml = StoredXml.write(vcard);
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new Invalid("the room's vCard is " + bytes + " bytes, more than the " + MAX_BYTES
                    + " this service keeps; use a smaller photo");
        }
        Element photo = vcard.child("PHOTO", Muc.VCARD).orElse(null);
        String binval = photo == null ? null : photo.childText("BINVAL", Muc.VCARD);
        if (binval == null || binval.isBlank()) {
            return new Checked(xml, null);
        }
        try {
            return new Checked(xml, sha1(Base64.getMimeDecoder().decode(binval)));
        } catch (IllegalArgumentException e) {
            throw new Invalid("the vCard's PHOTO/BINVAL is not base64: " + e.getMessage());
        }
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** The room's vCard; empty when none was set. */
    Mono<Element> find(long roomId) {
        return db.sql("SELECT vcard FROM muc_room_vcards WHERE room_id = :room").bind("room", roomId)
                .map((row, meta) -> StoredXml.read(row.get("vcard", String.class))).one();
    }

    /** The hash of the room's photo, or empty when it has none. */
    Mono<Optional<String>> photoHash(long roomId) {
        return db.sql("SELECT photo_hash FROM muc_room_vcards WHERE room_id = :room").bind("room", roomId)
                .map((row, meta) -> Optional.ofNullable(row.get("photo_hash", String.class))).one()
                .defaultIfEmpty(Optional.empty());
    }

    /** Sets (or with an empty vCard, removes) the room's vCard. */
    Mono<Void> save(long roomId, Checked vcard, boolean empty) {
        if (empty) {
            return db.sql("DELETE FROM muc_room_vcards WHERE room_id = :room").bind("room", roomId).then();
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO muc_room_vcards (room_id, vcard, photo_hash) "
                        + "VALUES (:room, :vcard, :hash) ON CONFLICT (room_id) DO UPDATE "
                        + "SET vcard = EXCLUDED.vcard, photo_hash = EXCLUDED.photo_hash, updated_at = now()")
                .bind("room", roomId).bind("vcard", vcard.xml());
        spec = vcard.photoHash() == null ? spec.bindNull("hash", String.class) : spec.bind("hash", vcard.photoHash());
        return spec.then();
    }
}
