package org.switchboard.common.muc;

import io.r2dbc.spi.Readable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The groups of the REST API (issue 15): persistent members-only rooms of {@code conference.<domain>} made through
 * the API, on the rows of {@link RoomStore}. Every change is committed first and then published as a
 * {@link RoomChange}, which the multi-user chat service of this process applies to the room it may hold in memory
 * (ADR 0016), the way {@code AccountStore} publishes account changes to live sessions, and notified on a PostgreSQL
 * channel ({@link RoomChangeNotice}) for a service in another process ({@link #changesEverywhere}).
 * The limits are the service's own ({@link MucSettings}): rooms an account created, and occupants a room holds
 * (here: owners, admins and members a group has).
 */
public final class GroupStore {

    private static final Logger log = LoggerFactory.getLogger(GroupStore.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Set<String> MEMBERS = Set.of("owner", "admin", "member");
    private static final String COLUMNS = "r.group_id, r.id, r.name, r.creator, r.title, r.description, r.created_at, "
            + "(SELECT count(*) FROM muc_affiliations m WHERE m.room_id = r.id AND m.affiliation IN ('owner', 'admin', 'member')) AS members";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final RoomStore rooms;
    private final String service;
    private final MucSettings settings;
    /** Every subscriber (the service of this process) gets each change; none is kept for later subscribers. */
    private final Sinks.Many<RoomChange> changes = Sinks.many().multicast().directBestEffort();
    /** Names this store in its notices, so the service of its own process does not apply its changes twice. */
    private final UUID origin = UUID.randomUUID();

    public GroupStore(DatabaseClient db, String serverDomain, MucSettings settings) {
        this.db = db;
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
        this.service = MucSettings.serviceDomain(serverDomain);
        this.rooms = new RoomStore(db, service);
        this.settings = settings;
    }

    /**
     * A group as stored.
     *
     * @param room    the room's name, its JID's localpart
     * @param creator the bare JID of the account that made it, its first owner
     * @param members how many owners, admins and members it has
     */
    public record Group(UUID id, long roomId, String room, String jid, String name, String description, String creator,
                        Instant createdAt, long members) {
    }

    /** One person of a group, by bare JID, with the affiliation's XEP-0045 name. */
    public record Member(String jid, String affiliation) {
    }

    /** A limit of the service refused the change; the message says which and what to do. */
    public static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message, null, false, false);
        }
    }

    /** A change the group's state does not allow (e.g. removing its only owner). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    public String service() {
        return service;
    }

    public MucSettings settings() {
        return settings;
    }

    /** The changes this store commits, as they are committed; only those of this process. */
    public Flux<RoomChange> changes() {
        return changes.asFlux();
    }

    /**
     * The changes of every process's store: this one's in-process ({@link #changes}), the others' heard through
     * {@code LISTEN} on a connection of its own ({@link RoomChangeListener}), with {@link RoomChange.Kind#MISSED}
     * whenever that connection starts listening. Connects on subscription; cancelling closes the connection.
     */
    public Flux<RoomChange> changesEverywhere() {
        return changesEverywhere(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** As {@link #changesEverywhere()}, with the pauses between attempts to listen again after the connection is lost. */
    public Flux<RoomChange> changesEverywhere(Duration firstPause, Duration longestPause) {
        RoomChangeListener listener = new RoomChangeListener(db.getConnectionFactory(), origin, service, firstPause, longestPause);
        return Flux.merge(changes(), listener.changes());
    }

    /**
     * Makes a group owned by {@code owner} with {@code members} (bare JIDs, the owner left out), within the owner's
     * room limit and the room's occupant limit; every member is published as added (so they are invited).
     */
    public Mono<Group> create(String owner, String name, String description, List<String> members) {
        Set<String> others = new LinkedHashSet<>(members);
        others.remove(owner);
        if (others.size() + 1 > settings.maxOccupants()) {
            return Mono.error(new LimitReached("a group may have at most " + settings.maxOccupants() + " members, its owner included"));
        }
        return rooms.countCreated(owner).flatMap(count -> {
            if (count >= settings.maxRoomsPerAccount()) {
                return Mono.error(new LimitReached("you already own " + count + " rooms and groups, the most this server allows ("
                        + settings.maxRoomsPerAccount() + "); delete one first"));
            }
            UUID id = UUID.randomUUID();
            String room = roomName();
            List<String> jids = new ArrayList<>(List.of(owner));
            jids.addAll(others);
            List<String> affiliations = new ArrayList<>(List.of("owner"));
            others.forEach(other -> affiliations.add("member"));
            RoomConfig config = RoomConfig.group(name, description, settings.maxOccupants());
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                            WITH room AS (
                                INSERT INTO muc_rooms (service, name, creator, title, description, persistent, public_room, members_only,
                                    moderated, whois, max_occupants, change_subject, allow_invites, allow_pm, logging, salt, group_id)
                                VALUES (:service, :name, :creator, :title, :description, :persistent, :public, :membersOnly, :moderated,
                                    :whois, :maxOccupants, :changeSubject, :allowInvites, :allowPm, :logging, :salt, :group)
                                RETURNING id),
                            affiliated AS (
                                INSERT INTO muc_affiliations (room_id, jid, affiliation)
                                SELECT room.id, m.jid, m.affiliation FROM room, unnest(CAST(:jids AS TEXT[]), CAST(:affiliations AS TEXT[]))
                                    AS m(jid, affiliation))
                            SELECT id FROM room""")
                    .bind("service", service).bind("name", room).bind("creator", owner).bind("title", config.title())
                    .bind("persistent", config.persistent()).bind("public", config.publicRoom()).bind("membersOnly", config.membersOnly())
                    .bind("moderated", config.moderated()).bind("whois", config.whoisAnyone() ? "anyone" : "moderators")
                    .bind("maxOccupants", config.maxOccupants()).bind("changeSubject", config.changeSubject())
                    .bind("allowInvites", config.allowInvites()).bind("allowPm", config.allowPm()).bind("logging", config.logging())
                    .bind("salt", RoomStore.newSalt()).bind("group", id)
                    .bind("jids", jids.toArray(String[]::new)).bind("affiliations", affiliations.toArray(String[]::new));
            spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
            return spec.map(row -> row.get("id", Long.class)).one()
                    .then(find(id))
                    .flatMap(group -> publish(group, others.stream().map(member -> change(group, RoomChange.Kind.MEMBER_ADDED, member, owner)).toList())
                            .thenReturn(group));
        });
    }

    public Mono<Group> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM muc_rooms r WHERE r.service = :service AND r.group_id = :id")
                .bind("service", service).bind("id", id).map(this::group).one();
    }

    /** The groups {@code jid} is an owner, admin or member of, oldest first, each with that affiliation. */
    public Flux<Map.Entry<Group, String>> of(String jid) {
        return db.sql("SELECT " + COLUMNS + ", a.affiliation FROM muc_rooms r JOIN muc_affiliations a ON a.room_id = r.id "
                        + "WHERE r.service = :service AND r.group_id IS NOT NULL AND a.jid = :jid "
                        + "AND a.affiliation IN ('owner', 'admin', 'member') ORDER BY r.created_at, r.id")
                .bind("service", service).bind("jid", jid)
                .map(row -> Map.entry(group(row), row.get("affiliation", String.class))).all();
    }

    /** The affiliation of {@code jid} with the group's room ({@code none} when it has none). */
    public Mono<String> affiliation(Group group, String jid) {
        return db.sql("SELECT affiliation FROM muc_affiliations WHERE room_id = :room AND jid = :jid")
                .bind("room", group.roomId()).bind("jid", jid).map(row -> row.get("affiliation", String.class)).one()
                .defaultIfEmpty("none");
    }

    /** Owners, admins and members, owners first, then by JID. */
    public Flux<Member> members(Group group) {
        return db.sql("SELECT jid, affiliation FROM muc_affiliations WHERE room_id = :room AND affiliation IN ('owner', 'admin', 'member') "
                        + "ORDER BY CASE affiliation WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, jid")
                .bind("room", group.roomId()).map(row -> new Member(row.get("jid", String.class), row.get("affiliation", String.class))).all();
    }

    /** Renames the group or changes its description (null clears it); only what is given changes. */
    public Mono<Group> describe(Group group, String name, boolean describe, String description, String actor) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE muc_rooms SET title = COALESCE(:title, title)"
                        + (describe ? ", description = :description" : "") + " WHERE id = :room")
                .bind("room", group.roomId());
        spec = name == null ? spec.bindNull("title", String.class) : spec.bind("title", name);
        if (describe) {
            spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        }
        return spec.then().then(find(group.id()))
                .flatMap(changed -> publish(changed, List.of(change(changed, RoomChange.Kind.DESCRIBED, null, actor))).thenReturn(changed));
    }

    /**
     * Deletes the group's room with its affiliations and archive. Published: the room destroyed (its occupants are
     * told), then each former member but the creator as removed (their bookmarks of it go).
     */
    public Mono<Boolean> delete(Group group, String actor) {
        Mono<List<String>> former = db.sql("DELETE FROM muc_affiliations WHERE room_id = :room RETURNING jid, affiliation")
                .bind("room", group.roomId())
                .map(row -> isMember(row.get("affiliation", String.class)) ? row.get("jid", String.class) : "")
                .all()
                .filter(jid -> !jid.isEmpty() && !jid.equals(group.creator()))
                .collectList()
                // empty when another request deleted it first
                .flatMap(members -> db.sql("DELETE FROM muc_rooms WHERE id = :room").bind("room", group.roomId()).fetch().rowsUpdated()
                        .filter(deleted -> deleted > 0).map(deleted -> members))
                .as(transaction::transactional);
        return former.flatMap(members -> {
            List<RoomChange> told = new ArrayList<>(List.of(change(group, RoomChange.Kind.DESTROYED, null, actor)));
            members.forEach(member -> told.add(change(group, RoomChange.Kind.MEMBER_REMOVED, member, actor)));
            return publish(group, told).thenReturn(true);
        }).defaultIfEmpty(false);
    }

    /**
     * Makes each of {@code jids} a member (an outcast too: the owner decides) unless it already is an owner, admin or
     * member; completes with those newly added, who are published as added. The room row is locked meanwhile, so two
     * additions at once cannot pass the member limit together.
     */
    public Mono<List<String>> add(Group group, List<String> jids, String actor) {
        Mono<List<String>> added = db.sql("SELECT id FROM muc_rooms WHERE id = :room FOR UPDATE").bind("room", group.roomId())
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(locked -> rooms.affiliations(group.roomId()))
                .flatMap(current -> {
                    List<String> fresh = new ArrayList<>();
                    for (String jid : new LinkedHashSet<>(jids)) {
                        if (!isMember(current.get(jid))) {
                            fresh.add(jid);
                        }
                    }
                    long existing = current.values().stream().filter(GroupStore::isMember).count();
                    if (existing + fresh.size() > settings.maxOccupants()) {
                        return Mono.error(new LimitReached("the group has " + existing + " members; adding " + fresh.size()
                                + " would pass the most a group may have (" + settings.maxOccupants() + ")"));
                    }
                    return Flux.fromIterable(fresh).concatMap(jid -> rooms.affiliate(group.roomId(), jid, "member", null)).then()
                            .thenReturn(fresh);
                })
                .as(transaction::transactional);
        return added.flatMap(fresh -> publish(group, fresh.stream().map(jid -> change(group, RoomChange.Kind.MEMBER_ADDED, jid, actor)).toList())
                .thenReturn(fresh));
    }

    /**
     * Takes {@code jid}'s membership (or admin or owner affiliation) away; false when it had none. The room's last
     * owner cannot be removed ({@link Refused}): the group would have nobody to manage it.
     */
    public Mono<Boolean> remove(Group group, String jid, String actor) {
        Mono<Boolean> removed = db.sql("SELECT id FROM muc_rooms WHERE id = :room FOR UPDATE").bind("room", group.roomId())
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(locked -> rooms.affiliations(group.roomId()))
                .flatMap(current -> {
                    String affiliation = current.get(jid);
                    if (!isMember(affiliation)) {
                        return Mono.just(false);
                    }
                    long owners = current.values().stream().filter("owner"::equals).count();
                    if ("owner".equals(affiliation) && owners == 1) {
                        return Mono.error(new Refused(jid + " is the group's only owner; delete the group instead"));
                    }
                    return rooms.affiliate(group.roomId(), jid, "none", null).thenReturn(true);
                })
                .as(transaction::transactional);
        return removed.flatMap(done -> (done ? publish(group, List.of(change(group, RoomChange.Kind.MEMBER_REMOVED, jid, actor)))
                : Mono.<Void>empty()).thenReturn(done));
    }

    /** Owners, admins and members are the group; outcasts and the unaffiliated (null) are not. */
    private static boolean isMember(String affiliation) {
        return affiliation != null && MEMBERS.contains(affiliation);
    }

    private RoomChange change(Group group, RoomChange.Kind kind, String jid, String actor) {
        return new RoomChange(service, group.room(), kind, jid, actor);
    }

    /**
     * Tells the service of this process, then, through {@code NOTIFY}, those of others, of changes already committed.
     * A failed notification is logged, not returned: the change stands, and a listener that missed it reads its
     * rooms afresh when it listens again.
     */
    private Mono<Void> publish(Group group, List<RoomChange> committed) {
        committed.forEach(change -> changes.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))));
        return Flux.fromIterable(committed)
                .concatMap(change -> db.sql("SELECT pg_notify(:channel, :payload)").bind("channel", RoomChangeNotice.CHANNEL)
                        .bind("payload", new RoomChangeNotice(origin, change).encode()).then())
                .then()
                .onErrorResume(e -> {
                    log.warn("notifying other processes of changes to room {} failed; their services read it afresh when they listen again",
                            group.room(), e);
                    return Mono.empty();
                });
    }

    /** A room name nobody chooses by hand: 16 random base32 characters, so it cannot clash with or reveal anything. */
    private static String roomName() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        StringBuilder name = new StringBuilder(16);
        long bits = 0;
        int count = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xff);
            count += 8;
            while (count >= 5) {
                name.append(BASE32.charAt((int) (bits >>> (count - 5)) & 31));
                count -= 5;
            }
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private Group group(Readable row) {
        String room = row.get("name", String.class);
        return new Group(row.get("group_id", UUID.class), row.get("id", Long.class), room, room + "@" + service,
                row.get("title", String.class), row.get("description", String.class), row.get("creator", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("members", Long.class));
    }
}
