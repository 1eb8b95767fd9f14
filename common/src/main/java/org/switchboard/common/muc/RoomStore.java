package org.switchboard.common.muc;

import io.r2dbc.spi.Readable;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rooms, affiliations and room archives on the tables of {@code V29__muc.sql}, for the multi-user chat service
 * and for the groups of the REST API ({@link GroupStore}). JIDs are bare JIDs as text, affiliations their XEP-0045
 * names ({@code owner}, {@code admin}, {@code member}, {@code outcast}); nothing here tells the live service of a
 * change: {@link GroupStore} does that for the changes it makes.
 */
public final class RoomStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS = "id, name, creator, title, description, persistent, public_room, members_only, moderated, "
            + "password_hash, whois, max_occupants, change_subject, allow_invites, allow_pm, logging, salt, subject, subject_nick";

    private final DatabaseClient db;
    private final String service;

    public RoomStore(DatabaseClient db, String service) {
        this.db = db;
        this.service = service;
    }

    /** A stored room: its row id, creator, configuration, salt and subject. */
    public record Stored(long id, String name, String creator, RoomConfig config, String salt, String subject, String subjectNick) {
    }

    public Mono<Stored> find(String name) {
        return db.sql("SELECT " + COLUMNS + " FROM muc_rooms WHERE service = :service AND name = :name")
                .bind("service", service).bind("name", name).map(RoomStore::stored).one();
    }

    /** Public rooms (for disco#items), by name. */
    public Flux<Stored> publicRooms() {
        return db.sql("SELECT " + COLUMNS + " FROM muc_rooms WHERE service = :service AND public_room ORDER BY name")
                .bind("service", service).map(RoomStore::stored).all();
    }

    /** Creates a room; empty when the name is taken (two creations raced). */
    public Mono<Long> create(String name, String creator, RoomConfig config, String salt) {
        return bindConfig(db.sql("INSERT INTO muc_rooms (service, name, creator, title, description, persistent, public_room, "
                        + "members_only, moderated, password_hash, whois, max_occupants, change_subject, allow_invites, allow_pm, "
                        + "logging, salt) VALUES (:service, :name, :creator, :title, :description, :persistent, :public, :membersOnly, "
                        + ":moderated, :passwordHash, :whois, :maxOccupants, :changeSubject, :allowInvites, :allowPm, :logging, :salt) "
                        + "ON CONFLICT (service, name) DO NOTHING RETURNING id")
                .bind("service", service).bind("name", name).bind("creator", creator).bind("salt", salt), config)
                .map(row -> row.get("id", Long.class)).one();
    }

    /** A random salt for a new room (occupant ids and the password hash). */
    public static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    public Mono<Void> configure(long roomId, RoomConfig config) {
        return bindConfig(db.sql("UPDATE muc_rooms SET title = :title, description = :description, persistent = :persistent, "
                + "public_room = :public, members_only = :membersOnly, moderated = :moderated, password_hash = :passwordHash, "
                + "whois = :whois, max_occupants = :maxOccupants, change_subject = :changeSubject, allow_invites = :allowInvites, "
                + "allow_pm = :allowPm, logging = :logging WHERE id = :id").bind("id", roomId), config).then();
    }

    public Mono<Void> subject(long roomId, String subject, String nick) {
        return db.sql("UPDATE muc_rooms SET subject = :subject, subject_nick = :nick WHERE id = :id")
                .bind("id", roomId).bind("subject", subject).bind("nick", nick).then();
    }

    /** Deletes a room with its affiliations and archive. */
    public Mono<Void> delete(long roomId) {
        return db.sql("DELETE FROM muc_rooms WHERE id = :id").bind("id", roomId).then();
    }

    /** Temporary rooms whose occupants went with the last process (their state lived only in memory). */
    public Mono<Void> deleteTemporary() {
        return db.sql("DELETE FROM muc_rooms WHERE service = :service AND NOT persistent").bind("service", service).then();
    }

    /** How many rooms {@code creator} has made that still exist. */
    public Mono<Long> countCreated(String creator) {
        return db.sql("SELECT count(*) AS n FROM muc_rooms WHERE service = :service AND creator = :creator")
                .bind("service", service).bind("creator", creator).map(row -> row.get("n", Long.class)).one();
    }

    /** Every affiliation of the room: bare JID to affiliation name. */
    public Mono<Map<String, String>> affiliations(long roomId) {
        return db.sql("SELECT jid, affiliation FROM muc_affiliations WHERE room_id = :id").bind("id", roomId)
                .map(row -> Map.entry(row.get("jid", String.class), row.get("affiliation", String.class))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Sets one affiliation by name; {@code none} removes the row. */
    public Mono<Void> affiliate(long roomId, String bare, String affiliation, String reason) {
        if ("none".equals(affiliation)) {
            return db.sql("DELETE FROM muc_affiliations WHERE room_id = :id AND jid = :jid")
                    .bind("id", roomId).bind("jid", bare).then();
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO muc_affiliations (room_id, jid, affiliation, reason) "
                        + "VALUES (:id, :jid, :affiliation, :reason) ON CONFLICT (room_id, jid) DO UPDATE SET affiliation = :affiliation, "
                        + "reason = :reason")
                .bind("id", roomId).bind("jid", bare).bind("affiliation", affiliation);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.then();
    }

    /** An archived groupchat message. */
    public record Archived(long row, String stanzaId, String nick, String sender, Instant at, String stanza) {
    }

    /** A groupchat message to archive, as every occupant receives it ({@code body} may be null). */
    public record Row(long roomId, String stanzaId, String nick, String sender, Instant at, String body, String stanza) {
    }

    /**
     * Archives rows in one statement, so in one transaction and one commit: all of them or none. The rows get their
     * {@code id} (the archive's order) in the order given.
     */
    public Mono<Void> archive(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO muc_archive (room_id, stanza_id, nick, sender, archived_at, body, stanza) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:room").append(i).append(", :sid").append(i).append(", :nick").append(i)
                    .append(", :sender").append(i).append(", :at").append(i).append(", :body").append(i).append(", :stanza").append(i).append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            spec = spec.bind("room" + i, row.roomId()).bind("sid" + i, row.stanzaId()).bind("nick" + i, row.nick())
                    .bind("sender" + i, row.sender()).bind("at" + i, OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC))
                    .bind("stanza" + i, row.stanza());
            spec = row.body() == null ? spec.bindNull("body" + i, String.class) : spec.bind("body" + i, row.body());
        }
        return spec.then();
    }

    /** The newest {@code limit} messages at or after {@code since} (null: any), newest first. */
    public Flux<Archived> newest(long roomId, Instant since, int limit) {
        return db.sql("SELECT id, stanza_id, nick, sender, archived_at, stanza FROM muc_archive WHERE room_id = :room"
                        + " AND archived_at >= :since ORDER BY id DESC LIMIT :limit")
                .bind("room", roomId).bind("limit", limit)
                .bind("since", OffsetDateTime.ofInstant(since == null ? Instant.EPOCH : since, ZoneOffset.UTC))
                .map(RoomStore::archived).all();
    }

    /**
     * One page of the archive (XEP-0313): rows after {@code afterRow} and before {@code beforeRow} (0 / Long.MAX
     * for none) within the time range, oldest first, or newest first when {@code backwards}.
     */
    public Flux<Archived> page(long roomId, long afterRow, long beforeRow, Instant start, Instant end, String nick, boolean backwards, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT id, stanza_id, nick, sender, archived_at, stanza FROM muc_archive WHERE room_id = :room AND id > :after "
                        + "AND id < :before AND archived_at >= :start AND archived_at <= :end"
                        + (nick == null ? "" : " AND nick = :nick")
                        + " ORDER BY id " + (backwards ? "DESC" : "ASC") + " LIMIT :limit")
                .bind("room", roomId).bind("after", afterRow).bind("before", beforeRow)
                .bind("start", OffsetDateTime.ofInstant(start, ZoneOffset.UTC)).bind("end", OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
                .bind("limit", limit);
        return (nick == null ? spec : spec.bind("nick", nick)).map(RoomStore::archived).all();
    }

    /** The row of a stanza id in the room's archive, or empty. */
    public Mono<Long> row(long roomId, String stanzaId) {
        return db.sql("SELECT id FROM muc_archive WHERE room_id = :room AND stanza_id = :sid")
                .bind("room", roomId).bind("sid", stanzaId).map(row -> row.get("id", Long.class)).one();
    }

    public Mono<Long> count(long roomId) {
        return db.sql("SELECT count(*) AS n FROM muc_archive WHERE room_id = :room").bind("room", roomId)
                .map(row -> row.get("n", Long.class)).one();
    }

    private static Archived archived(Readable row) {
        return new Archived(row.get("id", Long.class), row.get("stanza_id", String.class), row.get("nick", String.class),
                row.get("sender", String.class), row.get("archived_at", OffsetDateTime.class).toInstant(), row.get("stanza", String.class));
    }

    private static DatabaseClient.GenericExecuteSpec bindConfig(DatabaseClient.GenericExecuteSpec spec, RoomConfig config) {
        spec = config.title() == null ? spec.bindNull("title", String.class) : spec.bind("title", config.title());
        spec = config.description() == null ? spec.bindNull("description", String.class) : spec.bind("description", config.description());
        spec = config.passwordHash() == null ? spec.bindNull("passwordHash", String.class) : spec.bind("passwordHash", config.passwordHash());
        return spec.bind("persistent", config.persistent()).bind("public", config.publicRoom()).bind("membersOnly", config.membersOnly())
                .bind("moderated", config.moderated()).bind("whois", config.whoisAnyone() ? "anyone" : "moderators")
                .bind("maxOccupants", config.maxOccupants()).bind("changeSubject", config.changeSubject())
                .bind("allowInvites", config.allowInvites()).bind("allowPm", config.allowPm()).bind("logging", config.logging());
    }

    static Stored stored(Readable row) {
        RoomConfig config = new RoomConfig(row.get("title", String.class), row.get("description", String.class),
                row.get("persistent", Boolean.class), row.get("public_room", Boolean.class), row.get("members_only", Boolean.class),
                row.get("moderated", Boolean.class), row.get("password_hash", String.class), "anyone".equals(row.get("whois", String.class)),
                row.get("max_occupants", Integer.class), row.get("change_subject", Boolean.class), row.get("allow_invites", Boolean.class),
                row.get("allow_pm", String.class), row.get("logging", Boolean.class));
        return new Stored(row.get("id", Long.class), row.get("name", String.class), row.get("creator", String.class), config,
                row.get("salt", String.class), row.get("subject", String.class), row.get("subject_nick", String.class));
    }
}
