package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.switchboard.common.muc.RoomConfig;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/**
 * The {@code muc#owner} protocol (XEP-0045 section 10): the configuration form, instant and reserved rooms,
 * and destruction with an alternate venue. Runs under the room's lock; what to store is in the {@link Outcome}.
 */
final class Owner {

    /** What an owner request did. {@code config} is the configuration to store (null: unchanged). */
    record Outcome(List<Stanza> out, Element payload, RoomConfig config, List<Admin.Change> affiliations, boolean destroyed,
                   StanzaError error, String text) {
        static Outcome refused(StanzaError error, String text) {
            return new Outcome(List.of(), null, null, List.of(), false, error, text);
        }
    }

    private Owner() {
    }

    static Outcome handle(Room room, Stanza iq, int maxOccupants) {
        if (room.affiliation(iq.from()) != Affiliation.OWNER) {
            return Outcome.refused(StanzaError.FORBIDDEN, "only the room's owners may configure or destroy it");
        }
        Element query = iq.iqChild();
        if ("get".equals(iq.type())) {
            return new Outcome(List.of(), ConfigForm.form(room, maxOccupants), null, List.of(), false, null, null);
        }
        Element destroy = query.child("destroy", Muc.OWNER).orElse(null);
        if (destroy != null) {
            return destroy(room, destroy);
        }
        Element x = query.child("x", DataForm.NAMESPACE).orElse(null);
        if (x == null) {
            return Outcome.refused(StanzaError.BAD_REQUEST, "a muc#owner set needs a data form or <destroy/>");
        }
        if ("cancel".equals(x.attribute("type"))) {
            // cancelling the first configuration of a new room destroys it (section 10.1.3)
            return room.locked ? destroy(room, Element.of("destroy", Muc.OWNER))
                    : new Outcome(List.of(), null, null, List.of(), false, null, null);
        }
        if (!"submit".equals(x.attribute("type"))) {
            return Outcome.refused(StanzaError.BAD_REQUEST, "the form's type must be submit or cancel");
        }
        ConfigForm.Submission submission;
        try {
            submission = ConfigForm.read(room, x, maxOccupants);
        } catch (ConfigForm.Invalid e) {
            return Outcome.refused(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        if (submission.owners() != null && submission.owners().isEmpty()) {
            return Outcome.refused(StanzaError.CONFLICT, "a room needs at least one owner");
        }
        return apply(room, submission);
    }

    private static Outcome apply(Room room, ConfigForm.Submission submission) {
        RoomConfig before = room.config;
        RoomConfig after = submission.config();
        List<Admin.Change> changes = new ArrayList<>();
        replace(room, Affiliation.OWNER, submission.owners(), changes);
        replace(room, Affiliation.ADMIN, submission.admins(), changes);
        room.config = after;
        boolean wasLocked = room.locked;
        room.locked = false;
        List<Stanza> out = new ArrayList<>();
        for (Admin.Change change : changes) {
            for (Occupant occupant : room.occupantsOf(change.bare())) {
                occupant.affiliation = change.affiliation();
                occupant.role = change.affiliation().defaultRole(after.moderated());
                for (Occupant viewer : room.occupants.values()) {
                    out.add(Presences.available(room, occupant, viewer, List.of()));
                }
            }
        }
        if (after.membersOnly() && !before.membersOnly()) {
            for (Occupant occupant : List.copyOf(room.occupants.values())) {
                if (!occupant.affiliation.atLeast(Affiliation.MEMBER)) {
                    occupant.role = Role.NONE;
                    Entering.remove(room, occupant, 322, null, null, out);
                }
            }
        }
        if (!wasLocked) {
            List<Integer> codes = new ArrayList<>(List.of(104));
            if (after.whoisAnyone() != before.whoisAnyone()) {
                codes.add(after.whoisAnyone() ? 172 : 173);
            }
            if (after.logging() != before.logging()) {
                codes.add(after.logging() ? 170 : 171);
            }
            for (Occupant occupant : room.occupants.values()) {
                out.add(statusMessage(room, occupant.jid, codes));
            }
        }
        return new Outcome(out, null, after, changes, false, null, null);
    }

    /** Sets the list of JIDs with {@code affiliation} to {@code wanted} (null: unchanged), noting each change. */
    private static void replace(Room room, Affiliation affiliation, List<Jid> wanted, List<Admin.Change> changes) {
        if (wanted == null) {
            return;
        }
        for (Jid jid : List.copyOf(room.affiliations.keySet())) {
            if (room.affiliations.get(jid) == affiliation && !wanted.contains(jid)) {
                room.affiliations.remove(jid);
                changes.add(new Admin.Change(jid, Affiliation.NONE, null));
            }
        }
        for (Jid jid : wanted) {
            if (room.affiliations.get(jid) != affiliation) {
                room.affiliations.put(jid, affiliation);
                changes.add(new Admin.Change(jid, affiliation, null));
            }
        }
    }

    static Stanza statusMessage(Room room, Jid to, List<Integer> codes) {
        ElementBuilder x = Element.builder("x", Muc.USER);
        codes.forEach(code -> x.child(Presences.status(code)));
        return new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("from", room.jid.toString())
                .attribute("to", to.toString()).attribute("type", "groupchat").attribute("id", UUID.randomUUID().toString())
                .child(x.build()).build());
    }

    /** Destroys the room (section 10.9): every occupant gets unavailable presence carrying the destroy element. */
    static Outcome destroy(Room room, Element request) {
        ElementBuilder destroy = Element.builder("destroy", Muc.USER);
        String venue = request.attribute("jid");
        if (venue != null) {
            Jid alternate = Jid.parseOrNull(venue);
            if (alternate == null) {
                return Outcome.refused(StanzaError.JID_MALFORMED, "the alternate venue '" + venue + "' is not a JID");
            }
            destroy.attribute("jid", alternate.toString());
        }
        String reason = request.childText("reason", Muc.OWNER);
        if (reason != null) {
            destroy.textChild("reason", reason);
        }
        String password = request.childText("password", Muc.OWNER);
        if (password != null) {
            destroy.textChild("password", password);
        }
        Element destroyElement = destroy.build();
        List<Stanza> out = new ArrayList<>();
        for (Occupant occupant : room.occupants.values()) {
            occupant.role = Role.NONE;
            Presences.Extra extra = new Presences.Extra(null, null, null, destroyElement);
            Stanza presence = Presences.unavailable(room, occupant, occupant, List.of(), extra);
            out.add(presence);
        }
        room.occupants.clear();
        return new Outcome(out, null, null, List.of(), true, null, null);
    }
}
