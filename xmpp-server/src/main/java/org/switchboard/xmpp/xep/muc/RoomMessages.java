package org.switchboard.xmpp.xep.muc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;
import reactor.core.publisher.Mono;

/**
 * Messages addressed to a room or one of its occupants: groupchat messages (archived before anyone sees them,
 * so a message an occupant saw is in the history), subject changes, private messages, invitations, declines
 * and voice requests (XEP-0045 section 8.6).
 */
final class RoomMessages {

    private final Rooms rooms;
    private final Talking talking;
    private final Clock clock;
    /** Where members away from a room are pushed (XEP-0357); null when the server has no push module. */
    private final PushModule push;
    private final RoomWrites writes;

    RoomMessages(Rooms rooms, Talking talking, Clock clock, PushModule push) {
        this.rooms = rooms;
        this.talking = talking;
        this.clock = clock;
        this.push = push;
        this.writes = new RoomWrites(rooms.store());
    }

    Mono<Void> toRoom(Stanza message, ModuleContext context) {
        if (message.isError()) {
            return Mono.empty();
        }
        return rooms.lookup(message.to().localpart()).flatMap(found -> found.isEmpty() ? noRoom(message, context)
                : "groupchat".equals(message.type()) ? groupchat(found.get(), message, context) : other(found.get(), message, context));
    }

    static Mono<Void> noRoom(Stanza stanza, ModuleContext context) {
        return MucComponent.refuse(stanza, StanzaError.ITEM_NOT_FOUND, "there is no room " + stanza.to().bare(), context);
    }

    /**
     * The message is queued for its write and broadcast under the room's lock, where it gets its stanza id, so that
     * the archive and every occupant get the room's messages in one order ({@link RoomWrites}).
     */
    private Mono<Void> groupchat(Room room, Stanza message, ModuleContext context) {
        List<Stanza> out = new ArrayList<>();
        Mono<Void> done;
        AwayMembers.Snapshot away = null;
        synchronized (room) {
            Occupant sender = room.occupant(message.from());
            Talking.Check check = talking.mayPost(room, sender, message);
            if (check != null) {
                return MucComponent.refuse(message, check.error(), check.text(), context);
            }
            String sid = StanzaId.newId();
            Stanza reflected = Talking.reflected(room, sender, message, sid);
            RoomStore.Row row = null;
            Mono<Void> write = null;
            if (Talking.isSubjectChange(message)) {
                String text = message.element().childText("subject", Namespaces.CLIENT);
                room.subject = text.isEmpty() ? null : text;
                room.subjectNick = sender.nick;
                write = rooms.store().subject(room.id, room.subject, room.subjectNick);
            } else if (room.config.logging()) {
                row = new RoomStore.Row(room.id, sid, sender.nick, message.from().bare().toString(), clock.instant(),
                        message.element().childText("body", Namespaces.CLIENT), StoredXml.write(reflected.element()));
            }
            Talking.broadcast(room, reflected, out);
            if (push != null && write == null) {
                away = AwayMembers.take(room, sender, reflected);
            }
            done = RoomWrites.queue(room, row, write, out, context);
        }
        writes.drain(room);
        AwayMembers.Snapshot pushed = away;
        return pushed == null ? done : done.then(Mono.fromRunnable(() -> AwayMembers.notify(pushed, push, context)));
    }

    /** Not groupchat, to the room: invitations, declines, voice requests. */
    private Mono<Void> other(Room room, Stanza message, ModuleContext context) {
        Element user = message.element().child("x", Muc.USER).orElse(null);
        List<Stanza> out = new ArrayList<>();
        if (user != null && user.child("invite", Muc.USER).isPresent()) {
            Talking.Check refused = null;
            boolean admitted = false;
            Jid invitee = null;
            synchronized (room) {
                Occupant sender = room.occupant(message.from());
                for (Element invite : user.elements()) {
                    if (!invite.is("invite", Muc.USER)) {
                        continue;
                    }
                    invitee = Jid.parseOrNull(invite.attribute("to"));
                    Affiliation before = invitee == null ? null : room.affiliation(invitee);
                    refused = talking.invite(room, sender, message.from().bare(), invite, user.childText("password", Muc.USER), out);
                    if (refused != null) {
                        break;
                    }
                    admitted = before != room.affiliation(invitee);
                }
            }
            if (refused != null) {
                return MucComponent.refuse(message, refused.error(), refused.text(), context);
            }
            Mono<Void> persist = admitted ? rooms.store().affiliate(room.id, invitee.bare().toString(), Affiliation.MEMBER.wireName(), null) : Mono.empty();
            return persist.then(MucComponent.send(out, context));
        }
        if (user != null && user.child("decline", Muc.USER).isPresent()) {
            Stanza decline = Talking.decline(room, message.from(), user.child("decline", Muc.USER).get());
            return decline == null ? MucComponent.refuse(message, StanzaError.JID_MALFORMED, "the decline's 'to' is not a JID", context)
                    : context.router().route(decline);
        }
        Element form = message.element().child("x", DataForm.NAMESPACE).orElse(null);
        if (form != null && DataForm.submittedValues(form).getOrDefault("FORM_TYPE", List.of()).contains(Muc.REQUEST)) {
            return voiceRequest(room, message, form, context);
        }
        return MucComponent.refuse(message, StanzaError.NOT_ACCEPTABLE,
                "messages to the room itself must be of type groupchat (or invitations)", context);
    }

    /**
     * A visitor asks for voice: every moderator gets the approval form (section 7.13); a moderator's submitted
     * form with {@code muc#request_allow} true grants it (section 8.6).
     */
    private Mono<Void> voiceRequest(Room room, Stanza message, Element form, ModuleContext context) {
        var values = DataForm.submittedValues(form);
        List<Stanza> out = new ArrayList<>();
        synchronized (room) {
            Occupant sender = room.occupant(message.from());
            if (sender == null) {
                return MucComponent.refuse(message, StanzaError.NOT_ACCEPTABLE, "only occupants may ask for voice", context);
            }
            if (sender.role == Role.MODERATOR && values.containsKey("muc#request_allow")) {
                String nick = values.getOrDefault("muc#roomnick", List.of()).stream().findFirst().orElse(null);
                boolean allow = values.get("muc#request_allow").stream().anyMatch(v -> v.equals("1") || v.equals("true"));
                Occupant target = nick == null ? null : room.occupants.get(nick);
                if (allow && target != null && target.role == Role.VISITOR) {
                    target.role = Role.PARTICIPANT;
                    for (Occupant viewer : room.occupants.values()) {
                        out.add(Presences.available(room, target, viewer, List.of()));
                    }
                }
            } else if (sender.role == Role.VISITOR) {
                Element approval = Element.builder("x", DataForm.NAMESPACE).attribute("type", "form")
                        .textChild("title", "Voice request")
                        .child(field("FORM_TYPE", "hidden", Muc.REQUEST))
                        .child(field("muc#role", "list-single", "participant"))
                        .child(field("muc#jid", "jid-single", sender.jid.toString()))
                        .child(field("muc#roomnick", "text-single", sender.nick))
                        .child(field("muc#request_allow", "boolean", "false"))
                        .build();
                for (Occupant moderator : room.occupants.values()) {
                    if (moderator.role == Role.MODERATOR) {
                        out.add(new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("from", room.jid.toString())
                                .attribute("to", moderator.jid.toString()).attribute("id", UUID.randomUUID().toString())
                                .child(approval).build()));
                    }
                }
            }
        }
        return MucComponent.send(out, context);
    }

    private static Element field(String var, String type, String value) {
        ElementBuilder field = Element.builder("field", DataForm.NAMESPACE).attribute("var", var).attribute("type", type);
        return field.textChild("value", value).build();
    }

    Mono<Void> toOccupant(Stanza message, ModuleContext context) {
        if (message.isError()) {
            return Mono.empty();
        }
        return rooms.lookup(message.to().localpart()).flatMap(found -> {
                    if (found.isEmpty()) {
                        return noRoom(message, context);
                    }
                    Room room = found.get();
                    List<Stanza> out = new ArrayList<>();
                    Talking.Check refused;
                    synchronized (room) {
                        refused = talking.privateMessage(room, room.occupant(message.from()), message.to().resource(), message, out);
                    }
                    return refused != null ? MucComponent.refuse(message, refused.error(), refused.text(), context)
                            : MucComponent.send(out, context);
                });
    }
}
