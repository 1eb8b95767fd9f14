package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import reactor.core.publisher.Mono;

/**
 * IQs to the service, to a room and to an occupant's room JID: disco, {@code muc#admin}, {@code muc#owner},
 * the room's archive, and XEP-0410 self-ping; IQs between occupants are passed on under room JIDs (section 7.5
 * for vCards and the like), so no real JID leaks.
 */
final class RoomIqs {

    private final Rooms rooms;
    private final RoomArchive archive;
    private final RoomAvatar avatar;

    RoomIqs(Rooms rooms, RoomArchive archive, RoomAvatar avatar) {
        this.rooms = rooms;
        this.archive = archive;
        this.avatar = avatar;
    }

    Mono<Void> toService(Stanza stanza, ModuleContext context) {
        if (!stanza.isIqRequest()) {
            return Mono.empty();
        }
        Element query = stanza.iqChild();
        boolean get = "get".equals(stanza.type());
        if (query != null && get && query.is("query", DiscoModule.INFO) && query.attribute("node") == null) {
            return context.router().route(stanza.iqResult(RoomDisco.serviceInfo()));
        }
        if (query != null && get && query.is("query", DiscoModule.ITEMS) && query.attribute("node") == null) {
            return rooms.store().publicRooms().collectList()
                    .flatMap(list -> context.router().route(stanza.iqResult(RoomDisco.serviceItems(list, service(stanza)))));
        }
        if (query != null && query.is("ping", Muc.PING)) {
            return context.router().route(stanza.iqResult());
        }
        return MucComponent.refuse(stanza, StanzaError.SERVICE_UNAVAILABLE, null, context);
    }

    private static String service(Stanza stanza) {
        return stanza.to().domain();
    }

    Mono<Void> toRoom(Stanza iq, ModuleContext context) {
        if (!iq.isIqRequest() || iq.iqChild() == null) {
            return Mono.empty();
        }
        return rooms.lookup(iq.to().localpart()).flatMap(found -> found.isEmpty() ? RoomMessages.noRoom(iq, context)
                : room(found.get(), iq, context));
    }

    private Mono<Void> room(Room room, Stanza iq, ModuleContext context) {
        Element query = iq.iqChild();
        boolean get = "get".equals(iq.type());
        String ns = query.namespace();
        if (get && query.is("query", DiscoModule.INFO)) {
            synchronized (room) {
                return context.router().route(iq.iqResult(RoomDisco.roomInfo(room)));
            }
        }
        if (get && query.is("query", DiscoModule.ITEMS)) {
            synchronized (room) {
                return context.router().route(iq.iqResult(RoomDisco.roomItems(room)));
            }
        }
        if (query.is("ping", Muc.PING)) {
            return context.router().route(iq.iqResult());
        }
        if (ns.equals(Muc.ADMIN)) {
            return admin(room, iq, get, context);
        }
        if (ns.equals(Muc.OWNER)) {
            return owner(room, iq, context);
        }
        if (query.is("query", RoomArchive.NAMESPACE)) {
            String refusal;
            synchronized (room) {
                refusal = RoomArchive.refusal(room, iq.from());
            }
            if (refusal != null) {
                return MucComponent.refuse(iq, StanzaError.FORBIDDEN, refusal, context);
            }
            if (get) {
                return context.router().route(iq.iqResult(RoomArchive.form()));
            }
            return archive.query(room, iq).flatMap(out -> MucComponent.send(out, context))
                    .onErrorResume(RoomArchive.Invalid.class, e -> MucComponent.refuse(iq, RoomArchive.errorOf(e), e.getMessage(), context));
        }
        if (query.is("vCard", Muc.VCARD)) {
            return get ? avatar.get(room, iq, context) : avatar.set(room, iq, context);
        }
        return MucComponent.refuse(iq, StanzaError.FEATURE_NOT_IMPLEMENTED, "rooms do not answer " + ns, context);
    }

    private Mono<Void> admin(Room room, Stanza iq, boolean get, ModuleContext context) {
        Admin.Outcome outcome;
        synchronized (room) {
            outcome = get ? Admin.get(room, iq.from(), iq.iqChild()) : Admin.set(room, iq.from(), iq.iqChild());
        }
        if (outcome.error() != null) {
            return MucComponent.refuse(iq, outcome.error(), outcome.text(), context);
        }
        Mono<Void> persist = reactor.core.publisher.Flux.fromIterable(outcome.persist())
                .concatMap(change -> rooms.store().affiliate(room.id, change.bare().toString(), change.affiliation().wireName(), change.reason()))
                .then();
        List<Stanza> out = new ArrayList<>(outcome.out());
        out.add(iq.iqResult(outcome.payload()));
        return persist.then(MucComponent.send(out, context));
    }

    private Mono<Void> owner(Room room, Stanza iq, ModuleContext context) {
        Owner.Outcome outcome;
        synchronized (room) {
            outcome = Owner.handle(room, iq, rooms.settings().maxOccupants());
            if (outcome.destroyed()) {
                rooms.forget(room);
            }
        }
        if (outcome.error() != null) {
            return MucComponent.refuse(iq, outcome.error(), outcome.text(), context);
        }
        Mono<Void> persist = Mono.empty();
        if (outcome.destroyed()) {
            persist = rooms.store().delete(room.id);
        } else if (outcome.config() != null) {
            persist = rooms.store().configure(room.id, outcome.config())
                    .thenMany(reactor.core.publisher.Flux.fromIterable(outcome.affiliations()))
                    .concatMap(change -> rooms.store().affiliate(room.id, change.bare().toString(), change.affiliation().wireName(), null))
                    .then();
        }
        List<Stanza> out = new ArrayList<>(outcome.out());
        out.add(iq.iqResult(outcome.payload()));
        return persist.then(MucComponent.send(out, context));
    }

    /**
     * An IQ to an occupant's room JID: self-ping (XEP-0410) is answered here; others are passed on to the
     * occupant's session under the sender's room JID, and answers come back the same way.
     */
    Mono<Void> toOccupant(Stanza iq, ModuleContext context) {
        return rooms.lookup(iq.to().localpart()).flatMap(found -> {
            if (found.isEmpty()) {
                return RoomMessages.noRoom(iq, context);
            }
            Room room = found.get();
            Stanza forward;
            synchronized (room) {
                Occupant sender = room.occupant(iq.from());
                Occupant target = room.occupants.get(iq.to().resource());
                Element child = iq.iqChild();
                if (sender == null) {
                    return MucComponent.refuse(iq, iq.isIqRequest() && child != null && child.is("ping", Muc.PING)
                            ? StanzaError.NOT_ACCEPTABLE : StanzaError.BAD_REQUEST, "you are not an occupant of " + room.jid, context);
                }
                if (target == null) {
                    return MucComponent.refuse(iq, StanzaError.ITEM_NOT_FOUND, "no occupant is called '" + iq.to().resource() + "'", context);
                }
                if (target == sender && iq.isIqRequest() && child != null && child.is("ping", Muc.PING)) {
                    return context.router().route(iq.iqResult());
                }
                Jid fromRoom = room.occupantJid(sender.nick);
                forward = iq.withTo(target.jid).withFrom(fromRoom);
            }
            return context.router().route(forward);
        });
    }
}
