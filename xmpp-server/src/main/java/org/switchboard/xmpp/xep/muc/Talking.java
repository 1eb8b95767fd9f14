package org.switchboard.xmpp.xep.muc;

import java.util.List;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.SharedStanza;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;

/**
 * Messages in a room (XEP-0045 sections 7.4, 7.5, 8.1): groupchat messages and subject changes reflected to
 * every occupant with the room's stanza id (XEP-0359) and the sender's occupant id (XEP-0421), and private
 * messages between occupants. Checks run under the room's lock.
 */
final class Talking {

    private final MucSettings settings;

    Talking(MucSettings settings) {
        this.settings = settings;
    }

    /** Why a message is refused, or null when it may go. */
    record Check(StanzaError error, String text) {
    }

    Check mayPost(Room room, Occupant sender, Stanza message) {
        if (sender == null) {
            return new Check(StanzaError.NOT_ACCEPTABLE, "only occupants may send messages to the room; join it first");
        }
        Element subject = message.element().child("subject", Namespaces.CLIENT).orElse(null);
        if (subject != null && message.element().child("body", Namespaces.CLIENT).isEmpty()) {
            if (subject.text().length() > settings.maxSubjectChars()) {
                return new Check(StanzaError.NOT_ACCEPTABLE, "the subject is longer than " + settings.maxSubjectChars() + " characters");
            }
            boolean allowed = sender.role == Role.MODERATOR || (room.config.changeSubject() && sender.role.atLeast(Role.PARTICIPANT));
            return allowed ? null : new Check(StanzaError.FORBIDDEN, "only moderators may change the subject of this room");
        }
        if (!sender.role.atLeast(Role.PARTICIPANT)) {
            return new Check(StanzaError.FORBIDDEN, "visitors have no voice in this moderated room");
        }
        return rate(sender);
    }

    Check rate(Occupant sender) {
        double perSecond = settings.messagesPerMinute() / 60.0;
        if (!sender.takeToken(perSecond, Math.max(1, settings.messagesPerMinute() / 10.0))) {
            return new Check(StanzaError.RESOURCE_CONSTRAINT, "you are sending faster than this room allows ("
                    + settings.messagesPerMinute() + " messages a minute); wait a moment");
        }
        return null;
    }

    /**
     * The message as the room reflects it, without {@code to}: from the sender's room JID, stanza ids and occupant
     * ids the sender wrote removed, the room's own added.
     */
    static Stanza reflected(Room room, Occupant sender, Stanza message, String stanzaId) {
        ElementBuilder copy = Element.builder("message", Namespaces.CLIENT)
                .attribute("from", room.occupantJid(sender.nick).toString())
                .attribute("type", "groupchat")
                .attribute("id", message.id());
        String lang = message.element().attribute("xml:lang");
        copy.attribute("xml:lang", lang);
        for (Node child : message.element().children()) {
            if (child instanceof Element e && (e.is(StanzaId.ELEMENT, StanzaId.NAMESPACE) || e.namespace().equals(Muc.OCCUPANT_ID))) {
                continue;
            }
            copy.node(child);
        }
        copy.child(new StanzaId(stanzaId, room.jid).toElement());
        copy.child(Element.builder("occupant-id", Muc.OCCUPANT_ID).attribute("id", sender.occupantId).build());
        return new Stanza(copy.build());
    }

    /** The reflected message to each occupant, serialised once for all of them. */
    static void broadcast(Room room, Stanza reflected, List<Stanza> out) {
        SharedStanza shared = new SharedStanza(reflected);
        for (Occupant occupant : room.occupants.values()) {
            out.add(shared.to(occupant.jid, occupant.jidText));
        }
    }

    /** Whether the room applies the subject of this message (a subject without a body). */
    static boolean isSubjectChange(Stanza message) {
        return message.element().child("subject", Namespaces.CLIENT).isPresent()
                && message.element().child("body", Namespaces.CLIENT).isEmpty();
    }

    /** A private message to another occupant (section 7.5); the error when it may not go. */
    Check privateMessage(Room room, Occupant sender, String toNick, Stanza message, List<Stanza> out) {
        if (sender == null) {
            return new Check(StanzaError.NOT_ACCEPTABLE, "only occupants may send private messages in the room");
        }
        if ("groupchat".equals(message.type())) {
            return new Check(StanzaError.BAD_REQUEST, "a groupchat message goes to the room's bare JID, not to an occupant");
        }
        String allowPm = room.config.allowPm();
        boolean allowed = switch (allowPm) {
            case "none" -> false;
            case "moderators" -> sender.role == Role.MODERATOR;
            case "participants" -> sender.role.atLeast(Role.PARTICIPANT);
            default -> true;
        };
        if (!allowed) {
            return new Check(StanzaError.FORBIDDEN, "private messages are not allowed to you in this room (" + allowPm + ")");
        }
        Occupant target = room.occupants.get(toNick);
        if (target == null) {
            return new Check(StanzaError.ITEM_NOT_FOUND, "no occupant is called '" + toNick + "'");
        }
        Check rate = rate(sender);
        if (rate != null) {
            return rate;
        }
        ElementBuilder copy = message.element().toBuilder();
        copy.child(Element.of("x", Muc.USER));
        Stanza pm = new Stanza(copy.build().withAttribute("from", room.occupantJid(sender.nick).toString())
                .withAttribute("to", target.jid.toString()));
        out.add(pm);
        return null;
    }

    /** A mediated invitation (section 7.8.2) from an occupant, sent on from the room; null when it went. */
    Check invite(Room room, Occupant sender, Jid inviter, Element invite, String password, List<Stanza> out) {
        if (sender == null) {
            return new Check(StanzaError.NOT_ACCEPTABLE, "only occupants may invite others to the room");
        }
        if (room.config.membersOnly() && !room.config.allowInvites() && !sender.affiliation.atLeast(Affiliation.ADMIN)) {
            return new Check(StanzaError.FORBIDDEN, "only admins and owners may invite others to this members-only room");
        }
        Jid invitee = Jid.parseOrNull(invite.attribute("to"));
        if (invitee == null) {
            return new Check(StanzaError.JID_MALFORMED, "the invitation's 'to' is not a JID");
        }
        ElementBuilder forwarded = Element.builder("invite", Muc.USER).attribute("from", inviter.toString());
        invite.child("reason", Muc.USER).ifPresent(forwarded::child);
        invite.child("continue", Muc.USER).ifPresent(forwarded::child);
        ElementBuilder x = Element.builder("x", Muc.USER).child(forwarded.build());
        if (password != null) {
            x.textChild("password", password);
        }
        Element reason = invite.child("reason", Muc.USER).orElse(null);
        out.add(new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", room.jid.toString()).attribute("to", invitee.toString())
                .attribute("id", java.util.UUID.randomUUID().toString())
                .child(x.build())
                // XEP-0249 direct invitation alongside, for clients that only understand that one
                .child(Element.builder("x", Muc.DIRECT_INVITE).attribute("jid", room.jid.toString())
                        .attribute("reason", reason == null ? null : reason.text()).attribute("password", password).build())
                .build()));
        if (room.config.membersOnly() && !room.affiliation(invitee).atLeast(Affiliation.MEMBER)) {
            room.affiliations.put(invitee.bare(), Affiliation.MEMBER);   // an invitation to a members-only room admits
        }
        return null;
    }

    /** A declined invitation (section 7.8.3): passed on to the inviter, from the room. */
    static Stanza decline(Room room, Jid decliner, Element decline) {
        Jid to = Jid.parseOrNull(decline.attribute("to"));
        if (to == null) {
            return null;
        }
        ElementBuilder forwarded = Element.builder("decline", Muc.USER).attribute("from", decliner.bare().toString());
        decline.child("reason", Muc.USER).ifPresent(forwarded::child);
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("from", room.jid.toString()).attribute("to", to.toString())
                .attribute("id", java.util.UUID.randomUUID().toString())
                .child(Element.builder("x", Muc.USER).child(forwarded.build()).build()).build());
    }
}
