package org.switchboard.xmpp.xep.upload;

import java.time.Instant;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Upload slots and stored files on the table of {@code V26__xmpp_http_upload.sql}. */
final class UploadStore {

    /** A row: a slot not yet used, an upload in progress or a stored file. */
    record Upload(String id, String filename, String contentType, long size, byte[] tokenHash, String state, Instant expiresAt) {
    }

    private final DatabaseClient db;

    UploadStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Hands out a slot if the account's files and open slots plus this one stay within {@code quota}. Two
     * requests of one account at the same moment may both pass; the quota protects the disk, and each file is
     * bounded by the size limit anyway.
     *
     * @return false when over the quota (or the account is gone)
     */
    Mono<Boolean> createSlot(Jid owner, String id, SlotRequest request, byte[] tokenHash, Instant slotExpiry, long quota) {
        return db.sql("WITH account AS " + AccountIds.SELECT_ID + " "
                        + "INSERT INTO upload_files (id, account_id, filename, content_type, size, token_hash, state, expires_at) "
                        + "SELECT :id, account.id, :filename, :type, :size, :token, 'pending', :expires FROM account "
                        + "WHERE (SELECT coalesce(sum(size), 0) FROM upload_files WHERE account_id = account.id) + :size <= :quota")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("id", id).bind("filename", request.filename()).bind("type", request.contentType())
                .bind("size", request.size()).bind("token", tokenHash).bind("expires", slotExpiry).bind("quota", quota)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    Mono<Upload> find(String id) {
        return db.sql("SELECT id, filename, content_type, size, token_hash, state, expires_at FROM upload_files WHERE id = :id")
                .bind("id", id)
                .map(row -> new Upload(row.get("id", String.class), row.get("filename", String.class),
                        row.get("content_type", String.class), row.get("size", Long.class), row.get("token_hash", byte[].class),
                        row.get("state", String.class),
                        Optional.ofNullable(row.get("expires_at", java.time.OffsetDateTime.class)).map(t -> t.toInstant()).orElse(null)))
                .one();
    }

    /** Takes an unexpired pending slot for its PUT; false when it is used, busy or expired. */
    Mono<Boolean> claim(String id, Instant now) {
        return db.sql("UPDATE upload_files SET state = 'uploading' WHERE id = :id AND state = 'pending' AND expires_at > :now")
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** The PUT failed: the slot may be used again until it expires. */
    Mono<Void> release(String id) {
        return db.sql("UPDATE upload_files SET state = 'pending' WHERE id = :id AND state = 'uploading'").bind("id", id).then();
    }

    /** The file is on disk: it is served from now on, until {@code expiresAt} (null: for ever). */
    Mono<Boolean> stored(String id, Instant expiresAt) {
        DatabaseClient.GenericExecuteSpec update = db.sql(
                        "UPDATE upload_files SET state = 'stored', expires_at = :expires WHERE id = :id AND state = 'uploading'")
                .bind("id", id);
        update = expiresAt == null ? update.bindNull("expires", Instant.class) : update.bind("expires", expiresAt);
        return update.fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Ids of what is to go: expired files, slots unused past their time, and everything of deleted accounts
     * (account_id set NULL by the database). An upload in progress is left to finish or fail.
     */
    Flux<String> doomed(Instant now, int limit) {
        return db.sql("SELECT id FROM upload_files WHERE state <> 'uploading' AND (account_id IS NULL OR expires_at <= :now) LIMIT :limit")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("id", String.class))
                .all();
    }

    Mono<Void> delete(String id) {
        return db.sql("DELETE FROM upload_files WHERE id = :id").bind("id", id).then();
    }

    /** Uploads interrupted by a crash: their half-written files are gone with the restart, the slots reopen. */
    Mono<Long> reopenInterrupted() {
        return db.sql("UPDATE upload_files SET state = 'pending' WHERE state = 'uploading'").fetch().rowsUpdated();
    }
}
