package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.switchboard.common.muc.RoomChange;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds the outside changes (ADR 0016) a room in memory may have missed while the listener for other processes
 * was away — PostgreSQL keeps no notification for it — by comparing the room with its rows, and applies each
 * difference as the change it stands for: a member the rows have and memory lacks as added (so they get the bookmark
 * and the invitation too), a member memory has and the rows lack as removed (321, bookmark gone), a new name or
 * description as described (104), a room whose row is gone as destroyed. The actor of a missed change is unknown.
 */
final class MissedChanges {

    private final RoomStore store;
    private final OutsideChanges changes;

    MissedChanges(RoomStore store, OutsideChanges changes) {
        this.store = store;
        this.changes = changes;
    }

    Mono<Void> reread(List<Room> live, ModuleContext context) {
        return Flux.fromIterable(live)
                .concatMap(room -> store.find(room.name).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(stored -> stored.isEmpty() ? Mono.just(destroyed(room))
                                : store.affiliations(stored.get().id()).map(rows -> differences(room, stored.get(), rows))))
                .concatMap(Flux::fromIterable)
                .concatMap(change -> changes.apply(change, context))
                .then();
    }

    private List<RoomChange> destroyed(Room room) {
        List<RoomChange> found = new ArrayList<>();
        synchronized (room) {
            if (room.gone) {
                return found;
            }
            found.add(change(room, RoomChange.Kind.DESTROYED, null));
            room.affiliations.forEach((jid, affiliation) -> {
                if (affiliation.atLeast(Affiliation.MEMBER) && !jid.toString().equals(room.creator)) {
                    found.add(change(room, RoomChange.Kind.MEMBER_REMOVED, jid.toString()));
                }
            });
        }
        return found;
    }

    private List<RoomChange> differences(Room room, RoomStore.Stored stored, Map<String, String> rows) {
        List<RoomChange> found = new ArrayList<>();
        Map<Jid, Affiliation> wanted = new HashMap<>();
        rows.forEach((jid, affiliation) -> {
            Jid bare = Jid.parseOrNull(jid);
            Affiliation parsed = Affiliation.parse(affiliation);
            if (bare != null && parsed != null) {
                wanted.put(bare, parsed);
            }
        });
        synchronized (room) {
            if (room.gone) {
                return found;
            }
            Set<Jid> everyone = new HashSet<>(wanted.keySet());
            everyone.addAll(room.affiliations.keySet());
            for (Jid jid : everyone) {
                Affiliation now = room.affiliation(jid);
                Affiliation then = wanted.getOrDefault(jid, Affiliation.NONE);
                if (now == then) {
                    continue;
                }
                if (then == Affiliation.MEMBER && !now.atLeast(Affiliation.MEMBER)) {
                    found.add(change(room, RoomChange.Kind.MEMBER_ADDED, jid.toString()));
                } else if (then == Affiliation.NONE && now.atLeast(Affiliation.MEMBER)) {
                    found.add(change(room, RoomChange.Kind.MEMBER_REMOVED, jid.toString()));
                }
                // other affiliations no group change makes: they come over XMPP, to this process, so memory knows best
            }
            if (!Objects.equals(room.config.title(), stored.config().title())
                    || !Objects.equals(room.config.description(), stored.config().description())) {
                found.add(change(room, RoomChange.Kind.DESCRIBED, null));
            }
        }
        return found;
    }

    private static RoomChange change(Room room, RoomChange.Kind kind, String jid) {
        return new RoomChange(room.jid.domain(), room.name, kind, jid, null);
    }
}
