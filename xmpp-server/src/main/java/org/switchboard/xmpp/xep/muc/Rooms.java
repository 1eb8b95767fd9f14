package org.switchboard.xmpp.xep.muc;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.common.muc.RoomConfig;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * The rooms of the service: those in use are kept in memory (their occupants live only there); the others are
 * read from {@link RoomStore} when first addressed. A temporary room leaves memory and the database when its
 * last occupant leaves.
 */
final class Rooms {

    private final String service;
    private final RoomStore store;
    private final MucSettings settings;
    private final RoomVCards vcards;
    private final ConcurrentMap<String, Room> live = new ConcurrentHashMap<>();
    /** How many outside changes came so far, guarded by this; a load that saw a change under way reads again. */
    private long outsideChanges;

    Rooms(String service, RoomStore store, RoomVCards vcards, MucSettings settings) {
        this.service = service;
        this.store = store;
        this.vcards = vcards;
        this.settings = settings;
    }

    RoomStore store() {
        return store;
    }

    MucSettings settings() {
        return settings;
    }

    Collection<Room> live() {
        return live.values();
    }

    /** The room, from memory or the database; empty when it does not exist. */
    Mono<Room> find(String name) {
        Room room = live.get(name);
        if (room != null) {
            return Mono.just(room);
        }
        return Mono.defer(() -> load(name));
    }

    /**
     * Reads a room into memory. A change from outside ({@link #changed}) that comes while the rows are read may be
     * missing from them and finds no live room to apply to; then the rows are read again.
     */
    private Mono<Room> load(String name) {
        long seen;
        synchronized (this) {
            seen = outsideChanges;
        }
        return store.find(name).flatMap(stored -> store.affiliations(stored.id()).zipWith(vcards.photoHash(stored.id())).flatMap(read -> {
            var affiliations = read.getT1();
            Room loaded = new Room(stored.id(), stored.name(), new Jid(name, service, null), stored.creator(), stored.salt(), stored.config());
            affiliations.forEach((jid, affiliation) -> {
                Jid bare = Jid.parseOrNull(jid);
                Affiliation parsed = Affiliation.parse(affiliation);
                if (bare != null && parsed != null) {
                    loaded.affiliations.put(bare, parsed);
                }
            });
            loaded.subject = stored.subject();
            loaded.subjectNick = stored.subjectNick();
            loaded.photoHash = read.getT2().orElse(null);
            synchronized (this) {
                if (outsideChanges == seen) {
                    Room raced = live.putIfAbsent(name, loaded);
                    return Mono.just(raced == null ? loaded : raced);
                }
            }
            return find(name);
        }));
    }

    /**
     * A change to room {@code name} was committed elsewhere (the REST API): the live room it must be applied to, or
     * null when the room is not in memory and will be read with the change when next addressed.
     */
    synchronized Room changed(String name) {
        outsideChanges++;
        return live.get(name);
    }

    /**
     * Changes may have been committed elsewhere unheard (the listener was away): a room being read meanwhile is read
     * again, and the rooms in memory to read afresh are these.
     */
    synchronized List<Room> missed() {
        outsideChanges++;
        return List.copyOf(live.values());
    }

    /** The room or empty, as a value: a caller's work on a room completes empty, which must not read as "no room". */
    Mono<Optional<Room>> lookup(String name) {
        return find(name).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** Thrown when a creation is refused; the message is the error text the creator sees. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Creates a locked room owned by {@code creator} (a bare JID), within the creator's room limit; empty when
     * another creation of the same name won the race.
     */
    Mono<Room> create(String name, Jid creator) {
        String owner = creator.bare().toString();
        return store.countCreated(owner).flatMap(count -> {
            if (count >= settings.maxRoomsPerAccount()) {
                return Mono.error(new Refused("you already own " + count + " rooms, the most this service allows ("
                        + settings.maxRoomsPerAccount() + "); destroy one first"));
            }
            String salt = RoomPassword.newSalt();
            RoomConfig config = RoomConfig.defaults(settings.maxOccupants());
            return store.create(name, owner, config, salt)
                    .flatMap(id -> store.affiliate(id, owner, Affiliation.OWNER.wireName(), null).thenReturn(id))
                    .map(id -> {
                        Room room = new Room(id, name, new Jid(name, service, null), owner, salt, config);
                        room.affiliations.put(creator.bare(), Affiliation.OWNER);
                        room.locked = true;
                        live.put(name, room);
                        return room;
                    });
        });
    }

    /** Forgets a room (destroyed, or temporary and empty); the caller deletes or keeps its rows. */
    void forget(Room room) {
        room.gone = true;
        live.remove(room.name, room);
    }
}
