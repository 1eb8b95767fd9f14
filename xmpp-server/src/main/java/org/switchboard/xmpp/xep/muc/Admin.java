package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * The {@code muc#admin} protocol (XEP-0045 sections 8 and 9): role changes by nick (kick, voice, moderator) and
 * affiliation changes by JID (ban, membership, admin, owner), and the lists of both. Runs under the room's lock;
 * affiliation changes to persist are returned in {@link Outcome#persist}.
 */
final class Admin {

    /** What an admin request did: stanzas to send and affiliations to store; or the error. */
    record Outcome(List<Stanza> out, List<Change> persist, StanzaError error, String text, Element payload) {
        Outcome(List<Stanza> out, List<Change> persist, StanzaError error, String text) {
            this(out, persist, error, text, null);
        }

        static Outcome refused(StanzaError error, String text) {
            return new Outcome(List.of(), List.of(), error, text);
        }

        Outcome withPayload(Element element) {
            return new Outcome(out, persist, error, text, element);
        }
    }

    /** One affiliation to store. */
    record Change(Jid bare, Affiliation affiliation, String reason) {
    }

    private Admin() {
    }

    static Outcome set(Room room, Jid from, Element query) {
        Occupant actor = room.occupant(from);
        Affiliation actorAffiliation = room.affiliation(from);
        List<Stanza> out = new ArrayList<>();
        List<Change> persist = new ArrayList<>();
        List<Element> items = query.elements().stream().filter(e -> e.is("item", Muc.ADMIN)).toList();
        if (items.isEmpty()) {
            return Outcome.refused(StanzaError.BAD_REQUEST, "a muc#admin set needs at least one <item/>");
        }
        for (Element item : items) {
            String reason = item.childText("reason", Muc.ADMIN);
            if (item.attribute("role") != null) {
                Role role = Role.parse(item.attribute("role"));
                Occupant target = item.attribute("nick") == null ? null : room.occupants.get(item.attribute("nick"));
                if (role == null) {
                    return Outcome.refused(StanzaError.BAD_REQUEST, "unknown role '" + item.attribute("role") + "'");
                }
                if (target == null) {
                    return Outcome.refused(StanzaError.ITEM_NOT_FOUND, "no occupant has the nick '" + item.attribute("nick") + "'");
                }
                String refused = roleChange(room, actor, actorAffiliation, target, role, reason, out);
                if (refused != null) {
                    return Outcome.refused(refused.startsWith("!") ? StanzaError.FORBIDDEN : StanzaError.NOT_ALLOWED, refused.replace("!", ""));
                }
            } else if (item.attribute("affiliation") != null) {
                Affiliation affiliation = Affiliation.parse(item.attribute("affiliation"));
                Jid target = targetJid(room, item);
                if (affiliation == null) {
                    return Outcome.refused(StanzaError.BAD_REQUEST, "unknown affiliation '" + item.attribute("affiliation") + "'");
                }
                if (target == null) {
                    return Outcome.refused(StanzaError.BAD_REQUEST, "an affiliation item needs a valid 'jid' (or the nick of an occupant)");
                }
                String refused = affiliationChange(room, actor, actorAffiliation, target, affiliation, reason, out);
                if (refused != null) {
                    StanzaError error = refused.startsWith("!") ? StanzaError.FORBIDDEN : refused.startsWith("=") ? StanzaError.CONFLICT
                            : StanzaError.NOT_ALLOWED;
                    return Outcome.refused(error, refused.substring(refused.startsWith("!") || refused.startsWith("=") ? 1 : 0));
                }
                persist.add(new Change(target, affiliation, reason));
            } else {
                return Outcome.refused(StanzaError.BAD_REQUEST, "an item needs a 'role' or an 'affiliation'");
            }
        }
        return new Outcome(out, persist, null, null);
    }

    private static Jid targetJid(Room room, Element item) {
        if (item.attribute("jid") != null) {
            Jid jid = Jid.parseOrNull(item.attribute("jid"));
            return jid == null ? null : jid.bare();
        }
        Occupant occupant = item.attribute("nick") == null ? null : room.occupants.get(item.attribute("nick"));
        return occupant == null ? null : occupant.bare;
    }

    /** Null when done; else the reason, prefixed '!' for forbidden (the actor lacks the standing at all). */
    private static String roleChange(Room room, Occupant actor, Affiliation actorAffiliation, Occupant target, Role role,
                                     String reason, List<Stanza> out) {
        if (actor == null || actor.role != Role.MODERATOR) {
            return "!only moderators may change roles";
        }
        // who may not be lowered at all is not-allowed (section 8.2), whoever asks; lacking the standing is forbidden
        if (role != Role.MODERATOR && target.affiliation.atLeast(Affiliation.ADMIN)) {
            return "an " + target.affiliation.wireName() + " keeps moderator status and cannot be kicked or silenced";
        }
        if (role != Role.MODERATOR && target.affiliation.ordinal() < actorAffiliation.ordinal()) {
            return "'" + target.nick + "' has a higher affiliation than you";
        }
        boolean aboutModerator = role == Role.MODERATOR || target.role == Role.MODERATOR;
        if (aboutModerator && !actorAffiliation.atLeast(Affiliation.ADMIN)) {
            return "!only admins and owners may grant or revoke moderator status";
        }
        if (role == Role.NONE) {
            target.role = Role.NONE;
            Entering.remove(room, target, 307, actor.nick, reason, out);
            return null;
        }
        target.role = role;
        for (Occupant viewer : room.occupants.values()) {
            out.add(withReason(Presences.available(room, target, viewer, List.of()), reason, actor.nick));
        }
        return null;
    }

    /** Null when done; else the reason, prefixed '!' for forbidden and '=' for conflict. */
    private static String affiliationChange(Room room, Occupant actor, Affiliation actorAffiliation, Jid target,
                                            Affiliation affiliation, String reason, List<Stanza> out) {
        Affiliation current = room.affiliation(target);
        if (!actorAffiliation.atLeast(Affiliation.ADMIN)) {
            return "!only admins and owners may change affiliations";
        }
        boolean ownerBusiness = affiliation.atLeast(Affiliation.ADMIN) || current.atLeast(Affiliation.ADMIN);
        if (ownerBusiness && actorAffiliation != Affiliation.OWNER) {
            return "only owners may grant or revoke admin and owner affiliations";
        }
        if (current == Affiliation.OWNER && affiliation != Affiliation.OWNER && room.owners().size() == 1) {
            return "=the room's only owner cannot give up ownership; make someone else an owner first";
        }
        apply(room, target, affiliation, actor == null ? null : actor.nick, reason, out);
        return null;
    }

    /**
     * Sets {@code target}'s affiliation and shows it to the room: its occupants are removed when banned (301) or no
     * longer members of a members-only room (321), else everyone sees their new affiliation and role.
     */
    static void apply(Room room, Jid target, Affiliation affiliation, String actorNick, String reason, List<Stanza> out) {
        Affiliation current = room.affiliation(target);
        if (affiliation == Affiliation.NONE) {
            room.affiliations.remove(target);
        } else {
            room.affiliations.put(target, affiliation);
        }
        for (Occupant occupant : room.occupantsOf(target)) {
            occupant.affiliation = affiliation;
            if (affiliation == Affiliation.OUTCAST) {
                occupant.role = Role.NONE;
                Entering.remove(room, occupant, 301, actorNick, reason, out);
            } else if (room.config.membersOnly() && !affiliation.atLeast(Affiliation.MEMBER)) {
                occupant.role = Role.NONE;
                Entering.remove(room, occupant, 321, actorNick, reason, out);
            } else {
                Role role = affiliation.defaultRole(room.config.moderated());
                occupant.role = occupant.role == Role.MODERATOR && !current.atLeast(Affiliation.ADMIN) && role != Role.VISITOR
                        ? Role.MODERATOR : role;
                for (Occupant viewer : room.occupants.values()) {
                    out.add(withReason(Presences.available(room, occupant, viewer, List.of()), reason, actorNick));
                }
            }
        }
    }

    private static Stanza withReason(Stanza presence, String reason, String actorNick) {
        if (reason == null && actorNick == null) {
            return presence;
        }
        Element x = presence.element().child("x", Muc.USER).orElseThrow();
        Element item = x.child("item", Muc.USER).orElseThrow();
        ElementBuilder newItem = item.toBuilder();
        if (actorNick != null) {
            newItem.child(Element.builder("actor", Muc.USER).attribute("nick", actorNick).build());
        }
        if (reason != null) {
            newItem.child(Element.builder("reason", Muc.USER).text(reason).build());
        }
        List<org.switchboard.xmpp.stanza.Node> children = new ArrayList<>();
        for (org.switchboard.xmpp.stanza.Node child : x.children()) {
            children.add(child == item ? newItem.build() : child);
        }
        Element newX = x.withChildren(children);
        List<org.switchboard.xmpp.stanza.Node> top = new ArrayList<>();
        for (org.switchboard.xmpp.stanza.Node child : presence.element().children()) {
            top.add(child == x ? newX : child);
        }
        return new Stanza(presence.element().withChildren(top));
    }

    /** A list by affiliation or role (sections 9.5, 9.8, 10.5, 10.8, 8.5). */
    static Outcome get(Room room, Jid from, Element query) {
        Element item = query.child("item", Muc.ADMIN).orElse(null);
        if (item == null) {
            return Outcome.refused(StanzaError.BAD_REQUEST, "a muc#admin get needs an <item affiliation='…'/> or <item role='…'/>");
        }
        Affiliation asker = room.affiliation(from);
        Occupant occupant = room.occupant(from);
        ElementBuilder result = Element.builder("query", Muc.ADMIN);
        if (item.attribute("affiliation") != null) {
            Affiliation wanted = Affiliation.parse(item.attribute("affiliation"));
            if (wanted == null || wanted == Affiliation.NONE) {
                return Outcome.refused(StanzaError.BAD_REQUEST, "ask for owner, admin, member or outcast");
            }
            boolean allowed = asker.atLeast(Affiliation.ADMIN) || (wanted == Affiliation.MEMBER && asker == Affiliation.MEMBER);
            if (!allowed) {
                return Outcome.refused(StanzaError.FORBIDDEN, "only admins and owners may read the " + wanted.wireName() + " list");
            }
            room.affiliations.forEach((jid, affiliation) -> {
                if (affiliation == wanted) {
                    result.child(Element.builder("item", Muc.ADMIN).attribute("affiliation", affiliation.wireName())
                            .attribute("jid", jid.toString()).build());
                }
            });
        } else {
            Role wanted = Role.parse(item.attribute("role"));
            if (wanted == null || wanted == Role.NONE) {
                return Outcome.refused(StanzaError.BAD_REQUEST, "ask for moderator, participant or visitor");
            }
            if (occupant == null || occupant.role != Role.MODERATOR) {
                return Outcome.refused(StanzaError.FORBIDDEN, "only moderators may read the " + wanted.wireName() + " list");
            }
            for (Occupant listed : room.occupants.values()) {
                if (listed.role == wanted) {
                    result.child(Element.builder("item", Muc.ADMIN).attribute("role", listed.role.wireName())
                            .attribute("affiliation", listed.affiliation.wireName()).attribute("nick", listed.nick)
                            .attribute("jid", listed.jid.toString()).build());
                }
            }
        }
        return new Outcome(List.of(), List.of(), null, null).withPayload(result.build());
    }
}
