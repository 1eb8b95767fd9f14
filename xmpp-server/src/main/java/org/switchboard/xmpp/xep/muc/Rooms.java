package org.switchboard.xmpp.xep.muc;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
    private final ConcurrentMap<String, Room> live = new ConcurrentHashMap<>();

    Rooms(String service, RoomStore store, MucSettings settings) {
        this.service = service;
        this.store = store;
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
        return store.find(name).flatMap(stored -> store.affiliations(stored.id()).map(affiliations -> {
            Room loaded = new Room(stored.id(), stored.name(), new Jid(name, service, null), stored.creator(), stored.salt(), stored.config());
            loaded.affiliations.putAll(affiliations);
            loaded.subject = stored.subject();
            loaded.subjectNick = stored.subjectNick();
            Room raced = live.putIfAbsent(name, loaded);
            return raced == null ? loaded : raced;
        }));
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
                    .flatMap(id -> store.affiliate(id, creator.bare(), Affiliation.OWNER, null).thenReturn(id))
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
