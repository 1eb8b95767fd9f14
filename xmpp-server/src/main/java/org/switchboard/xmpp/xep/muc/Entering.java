package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * Entering and leaving a room, nick changes and presence updates (XEP-0045 sections 7.2 to 7.7 and 7.14).
 * Called under the room's lock; the stanzas to send are added to {@code out}.
 */
final class Entering {

    private final MucSettings settings;

    Entering(MucSettings settings) {
        this.settings = settings;
    }

    /** A join refused; {@link #error} goes back in an error presence. */
    record Refusal(StanzaError error, String text) {
    }

    /**
     * The occupant joined, or the refusal. Sends everyone's presence to the newcomer, the newcomer's to everyone,
     * and the newcomer's own (110) last; history and subject follow from the caller.
     */
    Object join(Room room, Stanza presence, String nick, boolean created, List<Stanza> out) {
        Jid from = presence.from();
        Affiliation affiliation = room.affiliation(from);
        Element join = presence.element().child("x", Muc.NAMESPACE).orElse(null);
        String password = join == null ? null : join.childText("password", Muc.NAMESPACE);
        if (affiliation == Affiliation.OUTCAST) {
            return new Refusal(StanzaError.FORBIDDEN, "you are banned from this room");
        }
        if (room.locked && affiliation != Affiliation.OWNER) {
            return new Refusal(StanzaError.ITEM_NOT_FOUND, "the room is locked until its owner has configured it");
        }
        if (room.config.membersOnly() && !affiliation.atLeast(Affiliation.MEMBER)) {
            return new Refusal(StanzaError.REGISTRATION_REQUIRED, "the room is members-only");
        }
        if (room.config.passwordProtected() && !affiliation.atLeast(Affiliation.ADMIN)
                && !RoomPassword.matches(room.salt, room.config.passwordHash(), password)) {
            return new Refusal(StanzaError.NOT_AUTHORIZED, password == null ? "the room needs a password" : "wrong password");
        }
        Occupant holder = room.occupants.get(nick);
        if (holder != null && !holder.bare.equals(from.bare())) {
            return new Refusal(StanzaError.CONFLICT, "the nick '" + nick + "' is in use in this room");
        }
        if (holder != null) {
            return new Refusal(StanzaError.CONFLICT, "the nick '" + nick + "' is in use by another session of yours");
        }
        if (room.occupants.size() >= Math.min(room.config.maxOccupants(), settings.maxOccupants())
                && !affiliation.atLeast(Affiliation.ADMIN)) {
            return new Refusal(StanzaError.SERVICE_UNAVAILABLE, "the room is full (" + room.occupants.size() + " occupants)");
        }
        Role role = affiliation.defaultRole(room.config.moderated());
        double burst = burst();
        Occupant occupant = new Occupant(from, nick, role, affiliation, presence.element(), room.salt, burst);
        for (Occupant other : room.occupants.values()) {
            out.add(Presences.available(room, other, occupant, List.of()));
        }
        room.occupants.put(nick, occupant);
        for (Occupant other : room.occupants.values()) {
            if (other != occupant) {
                out.add(Presences.available(room, occupant, other, List.of()));
            }
        }
        List<Integer> codes = new ArrayList<>();
        if (room.config.whoisAnyone()) {
            codes.add(100);
        }
        codes.add(110);
        if (room.config.logging()) {
            codes.add(170);
        }
        if (created) {
            codes.add(201);
        }
        out.add(Presences.available(room, occupant, occupant, codes));
        return occupant;
    }

    double burst() {
        return Math.max(1, settings.messagesPerMinute() / 10.0);
    }

    /** The subject message every newcomer gets after the history, empty when none is set (section 7.2.15). */
    static Stanza subject(Room room, Occupant to) {
        Element subject = Element.builder("subject", Namespaces.CLIENT).text(room.subject == null ? "" : room.subject).build();
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", room.subjectNick == null ? room.jid.toString() : room.occupantJid(room.subjectNick).toString())
                .attribute("to", to.jid.toString())
                .attribute("type", "groupchat")
                .attribute("id", java.util.UUID.randomUUID().toString())
                .child(subject)
                .build());
    }

    /** A new available presence of an occupant under the same nick: everyone sees it. */
    void update(Room room, Occupant occupant, Stanza presence, List<Stanza> out) {
        occupant.presence = presence.element();
        for (Occupant viewer : room.occupants.values()) {
            out.add(Presences.available(room, occupant, viewer, List.of()));
        }
    }

    /** A nick change (section 7.6): unavailable with 303 and the new nick, then available under it. */
    Refusal changeNick(Room room, Occupant occupant, String nick, Stanza presence, List<Stanza> out) {
        Occupant holder = room.occupants.get(nick);
        if (holder != null) {
            return new Refusal(StanzaError.CONFLICT, "the nick '" + nick + "' is in use in this room");
        }
        for (Occupant viewer : room.occupants.values()) {
            out.add(Presences.unavailable(room, occupant, viewer, List.of(303), new Presences.Extra(nick, null, null, null)));
        }
        room.occupants.remove(occupant.nick);
        occupant.nick = nick;
        occupant.presence = presence.element();
        room.occupants.put(nick, occupant);
        for (Occupant viewer : room.occupants.values()) {
            out.add(Presences.available(room, occupant, viewer, List.of()));
        }
        return null;
    }

    /** The occupant leaves (section 7.14): everyone, itself included, sees its unavailable presence. */
    static void leave(Room room, Occupant occupant, Element status, List<Stanza> out) {
        for (Occupant viewer : room.occupants.values()) {
            Stanza gone = Presences.unavailable(room, occupant, viewer, List.of(), Presences.Extra.NONE);
            if (status != null && viewer != occupant) {
                gone = new Stanza(gone.element().toBuilder().child(status).build());
            }
            out.add(gone);
        }
        room.occupants.remove(occupant.nick);
    }

    /**
     * Removes an occupant someone else removed (kick 307, ban 301, affiliation change 321, members-only 322),
     * telling everyone, the removed occupant included.
     */
    static void remove(Room room, Occupant occupant, int code, String actorNick, String reason, List<Stanza> out) {
        Presences.Extra extra = new Presences.Extra(null, actorNick, reason, null);
        for (Occupant viewer : room.occupants.values()) {
            out.add(Presences.unavailable(room, occupant, viewer, List.of(code), extra));
        }
        room.occupants.remove(occupant.nick);
    }
}
