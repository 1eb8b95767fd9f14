package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Room avatars: the vCard-temp (XEP-0054) on the room's bare JID, which owners set and anyone reads (as XEP-0486
 * describes), and its photo's SHA-1 advertised as XEP-0153 does for accounts — in a presence from the room's bare
 * JID to every occupant when it changes and to each occupant on entering, and in {@code muc#roominfo}.
 */
final class RoomAvatar {

    static final String UPDATE = "vcard-temp:x:update";

    private final RoomVCards vcards;

    RoomAvatar(RoomVCards vcards) {
        this.vcards = vcards;
    }

    Mono<Void> get(Room room, Stanza iq, ModuleContext context) {
        return vcards.find(room.id).defaultIfEmpty(Element.of("vCard", Muc.VCARD))
                .flatMap(vcard -> context.router().route(iq.iqResult(vcard)));
    }

    Mono<Void> set(Room room, Stanza iq, ModuleContext context) {
        synchronized (room) {
            if (room.affiliation(iq.from()) != Affiliation.OWNER) {
                return MucComponent.refuse(iq, StanzaError.FORBIDDEN, "only the owners of " + room.jid + " set its vCard", context);
            }
        }
        Element vcard = iq.iqChild();
        RoomVCards.Checked checked;
        try {
            checked = RoomVCards.check(vcard);
        } catch (RoomVCards.Invalid e) {
            return MucComponent.refuse(iq, StanzaError.NOT_ACCEPTABLE, e.getMessage(), context);
        }
        boolean empty = vcard.elements().isEmpty();
        return vcards.save(room.id, checked, empty).then(Mono.defer(() -> {
            List<Stanza> out = new ArrayList<>();
            synchronized (room) {
                if (!Objects.equals(room.photoHash, checked.photoHash())) {
                    room.photoHash = checked.photoHash();
                    for (Occupant occupant : room.occupants.values()) {
                        out.add(presence(room, occupant.jid, room.photoHash));
                    }
                }
            }
            out.add(iq.iqResult());
            return MucComponent.send(out, context);
        }));
    }

    /** XEP-0153 from the room's bare JID: the photo's hash, or an empty {@code <photo/>} once it has none. */
    static Stanza presence(Room room, Jid to, String hash) {
        Element photo = hash == null ? Element.of("photo", UPDATE) : Element.builder("photo", UPDATE).text(hash).build();
        return new Stanza(Element.builder("presence", Namespaces.CLIENT).attribute("from", room.jid.toString())
                .attribute("to", to.toString()).child(Element.builder("x", UPDATE).child(photo).build()).build());
    }
}
