package org.switchboard.xmpp.xep.muc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.common.muc.RoomConfig;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.stanzaid.StanzaId;

/**
 * Service discovery of the service and its rooms (XEP-0045 sections 6.1 to 6.5): the service's identity and
 * features, public rooms as its items, and each room's type features and {@code muc#roominfo} form.
 */
final class RoomDisco {

    static final Identity SERVICE = new Identity("conference", "text", "Chatrooms");

    private RoomDisco() {
    }

    static Element serviceInfo() {
        return DiscoModule.info(Set.of(SERVICE), Set.of(Muc.NAMESPACE, DiscoModule.INFO, DiscoModule.ITEMS, Muc.DIRECT_INVITE,
                Muc.STABLE_ID, Muc.OCCUPANT_ID, RoomArchive.NAMESPACE));
    }

    static Element serviceItems(List<RoomStore.Stored> rooms, String service) {
        ElementBuilder query = Element.builder("query", DiscoModule.ITEMS);
        for (RoomStore.Stored room : rooms) {
            query.child(Element.builder("item", DiscoModule.ITEMS).attribute("jid", room.name() + "@" + service)
                    .attribute("name", room.config().title() == null ? room.name() : room.config().title()).build());
        }
        return query.build();
    }

    /** The room's features say its type, one of each pair (section 6.4). */
    static Element roomInfo(Room room) {
        RoomConfig c = room.config;
        Set<String> features = new LinkedHashSet<>(List.of(Muc.NAMESPACE, Muc.STABLE_ID, Muc.OCCUPANT_ID, Muc.REQUEST,
                Muc.DIRECT_INVITE, DiscoModule.INFO, DiscoModule.ITEMS, StanzaId.NAMESPACE, RoomArchive.NAMESPACE, Muc.PING, Muc.VCARD,
                c.persistent() ? "muc_persistent" : "muc_temporary",
                c.publicRoom() ? "muc_public" : "muc_hidden",
                c.membersOnly() ? "muc_membersonly" : "muc_open",
                c.moderated() ? "muc_moderated" : "muc_unmoderated",
                c.passwordProtected() ? "muc_passwordprotected" : "muc_unsecured",
                c.whoisAnyone() ? "muc_nonanonymous" : "muc_semianonymous"));
        Identity identity = new Identity("conference", "text", c.title() == null ? room.name : c.title());
        Element info = DiscoModule.info(Set.of(identity), features);
        List<DataForm.Field> fields = new java.util.ArrayList<>(List.of(
                DataForm.Field.hidden("FORM_TYPE", Muc.ROOMINFO),
                field("muc#roominfo_description", "Description", c.description()),
                field("muc#roominfo_subject", "Subject", room.subject),
                field("muc#roominfo_occupants", "Number of occupants", Integer.toString(room.occupants.size())),
                field("muc#roomconfig_roomname", "Name", c.title()),
                field("muc#roomconfig_changesubject", "Occupants may change the subject", c.changeSubject() ? "1" : "0"),
                field("muc#roomconfig_allowinvites", "Occupants may invite others", c.allowInvites() ? "1" : "0"),
                field("muc#maxhistoryfetch", "Most messages sent on entering", null)));
        if (room.photoHash != null) {
            // XEP-0486: clients see the room has an avatar, and which, before fetching its vCard
            fields.add(new DataForm.Field("muc#roominfo_avatarhash", "text-multi", "Avatar hash", false, List.of(room.photoHash)));
        }
        Element form = new DataForm("result", null, null, fields).toElement();
        return info.toBuilder().child(form).build();
    }

    private static DataForm.Field field(String var, String label, String value) {
        return new DataForm.Field(var, "text-single", label, false, value == null ? List.of() : List.of(value));
    }

    /** The occupants' room JIDs (section 6.5), only for a public room, so a hidden room shows nobody. */
    static Element roomItems(Room room) {
        ElementBuilder query = Element.builder("query", DiscoModule.ITEMS);
        if (room.config.publicRoom()) {
            for (Occupant occupant : room.occupants.values()) {
                query.child(Element.builder("item", DiscoModule.ITEMS).attribute("jid", room.occupantJid(occupant.nick).toString()).build());
            }
        }
        return query.build();
    }
}
