package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.switchboard.common.muc.RoomConfig;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/**
 * The {@code muc#roomconfig} form (XEP-0045 section 10.2 and its registered fields): the room's configuration
 * as a form for its owner, and a submitted form read back, every value checked.
 */
final class ConfigForm {

    static final String P = "muc#roomconfig_";
    static final int MAX_TITLE = RoomConfig.MAX_TITLE;
    static final int MAX_DESCRIPTION = RoomConfig.MAX_DESCRIPTION;
    static final int MAX_PASSWORD = 256;
    static final int MAX_JIDS = 100;

    /** A submitted form that cannot be applied; the message is the error text. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** What a submission sets: the configuration, and new owner and admin lists when the form carried them. */
    record Submission(RoomConfig config, List<Jid> owners, List<Jid> admins) {
    }

    private ConfigForm() {
    }

    static Element form(Room room, int maxOccupants) {
        RoomConfig c = room.config;
        ElementBuilder x = Element.builder("x", DataForm.NAMESPACE).attribute("type", "form")
                .textChild("title", "Configuration of " + room.jid)
                .child(field("FORM_TYPE", "hidden", null, List.of(Muc.ROOMCONFIG), List.of()))
                .child(field(P + "roomname", "text-single", "Name", list(c.title()), List.of()))
                .child(field(P + "roomdesc", "text-single", "Description", list(c.description()), List.of()))
                .child(bool(P + "persistentroom", "Persistent (stays when empty)", c.persistent()))
                .child(bool(P + "publicroom", "Listed in the room directory", c.publicRoom()))
                .child(bool(P + "membersonly", "Members only", c.membersOnly()))
                .child(bool(P + "moderatedroom", "Moderated (visitors have no voice)", c.moderated()))
                .child(bool(P + "passwordprotectedroom", "Password protected", c.passwordProtected()))
                .child(field(P + "roomsecret", "text-private", "Password (blank keeps the current one)", List.of(), List.of()))
                .child(field(P + "whois", "list-single", "Who may see real JIDs", List.of(c.whoisAnyone() ? "anyone" : "moderators"),
                        List.of("moderators", "anyone")))
                .child(field(P + "maxusers", "list-single", "Most occupants", List.of(Integer.toString(c.maxOccupants())),
                        maxUsersOptions(maxOccupants)))
                .child(bool(P + "changesubject", "Participants may change the subject", c.changeSubject()))
                .child(bool(P + "allowinvites", "Participants may invite others", c.allowInvites()))
                .child(field(P + "allowpm", "list-single", "Who may send private messages", List.of(c.allowPm()),
                        List.of("anyone", "participants", "moderators", "none")))
                .child(bool(P + "enablelogging", "Archive messages (history and MAM)", c.logging()))
                .child(field(P + "roomowners", "jid-multi", "Owners", jids(room, Affiliation.OWNER), List.of()))
                .child(field(P + "roomadmins", "jid-multi", "Admins", jids(room, Affiliation.ADMIN), List.of()));
        return Element.builder("query", Muc.OWNER).child(x.build()).build();
    }

    private static List<String> maxUsersOptions(int max) {
        List<String> options = new ArrayList<>();
        for (int n : new int[] {10, 20, 30, 50, 100, 200, 500, 1000, 5000}) {
            if (n < max) {
                options.add(Integer.toString(n));
            }
        }
        options.add(Integer.toString(max));
        return options;
    }

    private static List<String> jids(Room room, Affiliation affiliation) {
        List<String> jids = new ArrayList<>();
        room.affiliations.forEach((jid, a) -> {
            if (a == affiliation) {
                jids.add(jid.toString());
            }
        });
        return jids;
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static Element bool(String var, String label, boolean value) {
        return field(var, "boolean", label, List.of(value ? "1" : "0"), List.of());
    }

    private static Element field(String var, String type, String label, List<String> values, List<String> options) {
        ElementBuilder field = Element.builder("field", DataForm.NAMESPACE).attribute("var", var).attribute("type", type)
                .attribute("label", label);
        values.forEach(value -> field.textChild("value", value));
        for (String option : options) {
            field.child(Element.builder("option", DataForm.NAMESPACE).child(
                    Element.builder("value", DataForm.NAMESPACE).text(option).build()).build());
        }
        return field.build();
    }

    /** Reads a submitted form over the room's current configuration; fields left out keep their values. */
    static Submission read(Room room, Element x, int maxOccupants) throws Invalid {
        Map<String, List<String>> values = DataForm.submittedValues(x);
        RoomConfig c = room.config;
        String type = one(values, "FORM_TYPE", Muc.ROOMCONFIG);
        if (!Muc.ROOMCONFIG.equals(type)) {
            throw new Invalid("FORM_TYPE must be " + Muc.ROOMCONFIG);
        }
        String title = text(values, "roomname", c.title(), MAX_TITLE);
        String description = text(values, "roomdesc", c.description(), MAX_DESCRIPTION);
        boolean protectedRoom = bool(values, "passwordprotectedroom", c.passwordProtected());
        String secret = text(values, "roomsecret", null, MAX_PASSWORD);
        String hash = !protectedRoom ? null
                : secret != null && !secret.isEmpty() ? RoomPassword.hash(room.salt, secret) : c.passwordHash();
        if (protectedRoom && hash == null) {
            throw new Invalid("a password-protected room needs muc#roomconfig_roomsecret");
        }
        String whois = one(values, P + "whois", c.whoisAnyone() ? "anyone" : "moderators");
        if (!whois.equals("anyone") && !whois.equals("moderators")) {
            throw new Invalid("muc#roomconfig_whois must be 'moderators' or 'anyone'");
        }
        String maxText = one(values, P + "maxusers", Integer.toString(c.maxOccupants()));
        int max;
        try {
            max = maxText.isEmpty() || maxText.equals("none") ? maxOccupants : Integer.parseInt(maxText.trim());
        } catch (NumberFormatException e) {
            throw new Invalid("muc#roomconfig_maxusers is not a number");
        }
        if (max < 1 || max > maxOccupants) {
            throw new Invalid("muc#roomconfig_maxusers must be between 1 and " + maxOccupants);
        }
        String allowPm = one(values, P + "allowpm", c.allowPm());
        if (!List.of("anyone", "participants", "moderators", "none").contains(allowPm)) {
            throw new Invalid("muc#roomconfig_allowpm must be anyone, participants, moderators or none");
        }
        RoomConfig config = new RoomConfig(title, description, bool(values, "persistentroom", c.persistent()),
                bool(values, "publicroom", c.publicRoom()), bool(values, "membersonly", c.membersOnly()),
                bool(values, "moderatedroom", c.moderated()), hash, whois.equals("anyone"), max,
                bool(values, "changesubject", c.changeSubject()), bool(values, "allowinvites", c.allowInvites()), allowPm,
                bool(values, "enablelogging", c.logging()));
        return new Submission(config, jidList(values, "roomowners"), jidList(values, "roomadmins"));
    }

    private static String one(Map<String, List<String>> values, String var, String fallback) {
        List<String> list = values.get(var);
        return list == null || list.isEmpty() ? fallback : list.get(0);
    }

    private static String text(Map<String, List<String>> values, String name, String fallback, int max) throws Invalid {
        if (!values.containsKey(P + name)) {
            return fallback;
        }
        String value = String.join("\n", values.get(P + name));
        if (value.length() > max) {
            throw new Invalid(P + name + " is longer than " + max + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static boolean bool(Map<String, List<String>> values, String name, boolean fallback) throws Invalid {
        String value = one(values, P + name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new Invalid(P + name + " must be a boolean (1, 0, true or false)");
        };
    }

    private static List<Jid> jidList(Map<String, List<String>> values, String name) throws Invalid {
        List<String> texts = values.get(P + name);
        if (texts == null) {
            return null;
        }
        if (texts.size() > MAX_JIDS) {
            throw new Invalid(P + name + " lists more than " + MAX_JIDS + " JIDs");
        }
        List<Jid> jids = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            Jid jid = Jid.parseOrNull(text.trim());
            if (jid == null) {
                throw new Invalid(P + name + ": '" + text + "' is not a JID");
            }
            jids.add(jid.bare());
        }
        return jids;
    }
}
