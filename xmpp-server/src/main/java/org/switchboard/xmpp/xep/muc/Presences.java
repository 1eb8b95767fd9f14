package org.switchboard.xmpp.xep.muc;

import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Occupant presence as the room sends it (XEP-0045 sections 7.2 and 9): from the occupant's room JID, with the
 * client's own presence payload, a {@code muc#user} item (the real JID only to those the room shows it to),
 * status codes, and the occupant id (XEP-0421).
 */
final class Presences {

    private Presences() {
    }

    /** What goes with an item besides affiliation and role: a new nick (303), an actor and a reason. */
    record Extra(String newNick, String actorNick, String reason, Element destroy) {
        static final Extra NONE = new Extra(null, null, null, null);
    }

    /** Available presence of {@code subject} for {@code viewer}; {@code codes} are added, 110 when it is the viewer itself. */
    static Stanza available(Room room, Occupant subject, Occupant viewer, List<Integer> codes) {
        return presence(room, subject, viewer, null, codes, Extra.NONE);
    }

    static Stanza unavailable(Room room, Occupant subject, Occupant viewer, List<Integer> codes, Extra extra) {
        return presence(room, subject, viewer, "unavailable", codes, extra);
    }

    private static Stanza presence(Room room, Occupant subject, Occupant viewer, String type, List<Integer> codes, Extra extra) {
        ElementBuilder presence = Element.builder("presence", Namespaces.CLIENT)
                .attribute("from", room.occupantJid(subject.nick).toString())
                .attribute("to", viewer.jid.toString())
                .attribute("type", type);
        if (type == null && subject.presence != null) {
            for (Node child : subject.presence.children()) {
                if (child instanceof Element e && (e.namespace().startsWith(Muc.NAMESPACE) || e.namespace().equals(Muc.OCCUPANT_ID))) {
                    continue;   // the client's join element and any forged room data are not reflected
                }
                presence.node(child);
            }
        }
        ElementBuilder item = Element.builder("item", Muc.USER)
                .attribute("affiliation", subject.affiliation.wireName())
                .attribute("role", type == null ? subject.role.wireName() : "none")
                .attribute("nick", extra.newNick());
        if (room.showsRealJids(viewer) || subject == viewer) {
            item.attribute("jid", subject.jid.toString());
        }
        if (extra.actorNick() != null) {
            item.child(Element.builder("actor", Muc.USER).attribute("nick", extra.actorNick()).build());
        }
        if (extra.reason() != null) {
            item.child(Element.builder("reason", Muc.USER).text(extra.reason()).build());
        }
        ElementBuilder x = Element.builder("x", Muc.USER).child(item.build());
        if (extra.destroy() != null) {
            x.child(extra.destroy());
        }
        for (int code : codes) {
            x.child(status(code));
        }
        if (subject == viewer && !codes.contains(110)) {
            x.child(status(110));
        }
        presence.child(x.build());
        presence.child(Element.builder("occupant-id", Muc.OCCUPANT_ID).attribute("id", subject.occupantId).build());
        return new Stanza(presence.build());
    }

    /**
     * The presences in {@code out} that reflect {@code request} to its sender (status 110) carry the request's id:
     * the room advertises {@code muc#stable_id}, and clients match the reflection of a join or leave by it.
     */
    static List<Stanza> reflectId(List<Stanza> out, Stanza request) {
        if (request.id() == null) {
            return out;
        }
        List<Stanza> marked = new java.util.ArrayList<>(out.size());
        for (Stanza stanza : out) {
            boolean self = stanza.isPresence() && request.from().equals(stanza.to()) && stanza.element().child("x", Muc.USER)
                    .map(x -> x.elements().stream().anyMatch(e -> e.is("status", Muc.USER) && "110".equals(e.attribute("code"))))
                    .orElse(false);
            marked.add(self ? stanza.withAttribute("id", request.id()) : stanza);
        }
        return marked;
    }

    static Element status(int code) {
        return Element.builder("status", Muc.USER).attribute("code", Integer.toString(code)).build();
    }
}
