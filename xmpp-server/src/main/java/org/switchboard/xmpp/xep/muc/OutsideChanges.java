package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.switchboard.common.muc.RoomChange;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Changes the REST API committed to a group's room ({@link RoomChange}, ADR 0016), applied to the live room the
 * way the same change made over XMPP would be: a new member may enter at once, is sent an invitation (XEP-0249,
 * with the mediated form of XEP-0045 section 7.8.2 beside it) and gets the room as a bookmark with autojoin
 * ({@link GroupBookmarks}); a removed one loses the bookmark and leaves the members-only room with
 * status 321; a rename is announced with status 104; a deleted group's occupants get the destroy presence
 * (section 10.9). A room not in memory is read with the change when next addressed. Changes that may have been
 * missed ({@link RoomChange.Kind#MISSED}: the listener for other processes was away) are found by reading the rooms
 * in memory afresh ({@link MissedChanges}).
 */
final class OutsideChanges {

    private final Rooms rooms;
    /** Null when the server has no PEP: then members get the invitation only. */
    private final GroupBookmarks bookmarks;

    private final MissedChanges missed;

    OutsideChanges(Rooms rooms, GroupBookmarks bookmarks) {
        this.rooms = rooms;
        this.bookmarks = bookmarks;
        this.missed = new MissedChanges(rooms.store(), this);
    }

    Mono<Void> apply(RoomChange change, ModuleContext context) {
        if (change.kind() == RoomChange.Kind.MISSED) {
            return missed.reread(rooms.missed(), context);
        }
        Room room = rooms.changed(change.room());
        Jid jid = change.jid() == null ? null : Jid.parseOrNull(change.jid());
        List<Stanza> out = new ArrayList<>();
        switch (change.kind()) {
            case MEMBER_ADDED -> {
                if (jid == null) {
                    return Mono.empty();
                }
                affiliate(room, jid.bare(), Affiliation.MEMBER, null, out);
                return MucComponent.send(out, context).then(invite(change, jid.bare(), context));
            }
            case MEMBER_REMOVED -> {
                if (jid != null) {
                    affiliate(room, jid.bare(), Affiliation.NONE, "removed from the group", out);
                    if (bookmarks != null && isLocal(jid, change)) {
                        Jid roomJid = new Jid(change.room(), change.service(), null);
                        // the bookmark first, so that no client of theirs enters again on seeing 321
                        return bookmarks.remove(jid.bare(), roomJid, context).then(MucComponent.send(out, context));
                    }
                }
            }
            case DESCRIBED -> {
                return room == null ? Mono.empty() : rooms.store().find(change.room()).flatMap(stored -> {
                    List<Stanza> told = new ArrayList<>();
                    synchronized (room) {
                        if (!room.gone) {
                            room.config = room.config.withDescription(stored.config().title(), stored.config().description());
                            room.occupants.values().forEach(occupant -> told.add(Owner.statusMessage(room, occupant.jid, List.of(104))));
                        }
                    }
                    return MucComponent.send(told, context);
                });
            }
            case MISSED -> throw new IllegalStateException("handled above");
            case DESTROYED -> {
                if (room != null) {
                    synchronized (room) {
                        if (!room.gone) {
                            Element destroy = Element.builder("destroy", Muc.OWNER).textChild("reason", "the group was deleted").build();
                            out.addAll(Owner.destroy(room, destroy).out());
                            rooms.forget(room);
                        }
                    }
                }
            }
        }
        return MucComponent.send(out, context);
    }

    private static void affiliate(Room room, Jid bare, Affiliation affiliation, String reason, List<Stanza> out) {
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.gone && room.affiliation(bare) != affiliation) {
                Admin.apply(room, bare, affiliation, null, reason, out);
            }
        }
    }

    /** The invitation goes to the bare JID, so every client of the new member sees it, or it waits offline. */
    private Mono<Void> invite(RoomChange change, Jid member, ModuleContext context) {
        return rooms.store().find(change.room()).flatMap(stored -> {
            Jid roomJid = new Jid(change.room(), change.service(), null);
            String title = stored.config().title();
            String reason = (change.actor() == null ? "You were added to the group" : change.actor() + " added you to the group")
                    + (title == null ? "" : " '" + title + "'");
            ElementBuilder invite = Element.builder("invite", Muc.USER).attribute("from", change.actor())
                    .textChild("reason", reason);
            Mono<Void> invited = Mono.defer(() -> context.router().route(new Stanza(Element.builder("message", Namespaces.CLIENT)
                    .attribute("from", roomJid.toString()).attribute("to", member.toString())
                    .attribute("id", UUID.randomUUID().toString())
                    .child(Element.builder("x", Muc.USER).child(invite.build()).build())
                    .child(Element.builder("x", Muc.DIRECT_INVITE).attribute("jid", roomJid.toString()).attribute("reason", reason).build())
                    .build())));
            // the bookmark first: a client that acts on the invitation finds it there
            return bookmarks == null || !isLocal(member, change) ? invited
                    : bookmarks.add(member, roomJid, title == null ? change.room() : title, context).then(invited);
        });
    }

    /** PEP is the accounts' of this server: the service's domain is {@code conference.} and theirs. */
    private static boolean isLocal(Jid member, RoomChange change) {
        return member.localpart() != null && change.service().equals("conference." + member.domain());
    }
}
