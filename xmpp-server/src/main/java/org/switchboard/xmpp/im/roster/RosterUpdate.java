package org.switchboard.xmpp.im.roster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * A roster set as the client sent it, validated by the rules of RFC 6121 section 2.3.3 (and 2.5 for
 * removal). {@link #parse} throws {@link Invalid} carrying the error to answer.
 */
public record RosterUpdate(Jid contact, String name, List<String> groups, boolean remove) {

    static final int MAX_NAME_LENGTH = 1024;
    static final int MAX_GROUP_LENGTH = 1024;
    static final int MAX_GROUPS = 100;

    /** Why a roster set is refused. */
    public static final class Invalid extends RuntimeException {
        private final StanzaError error;

        Invalid(StanzaError error, String text) {
            super(text, null, false, false);
            this.error = error;
        }

        public StanzaError error() {
            return error;
        }
    }

    public static RosterUpdate parse(Element query) {
        List<Element> items = query.elements();
        if (items.size() != 1 || !items.get(0).is("item", RosterItem.NAMESPACE)) {
            throw new Invalid(StanzaError.BAD_REQUEST, "a roster set carries exactly one item");
        }
        Element item = items.get(0);
        Jid contact = Jid.parseOrNull(item.attribute("jid"));
        if (contact == null) {
            throw new Invalid(StanzaError.BAD_REQUEST, "the item needs a valid jid");
        }
        boolean remove = "remove".equals(item.attribute("subscription"));
        String name = item.attribute("name");
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new Invalid(StanzaError.NOT_ACCEPTABLE, "the name is too long");
        }
        return new RosterUpdate(contact.bare(), name, groups(item), remove);
    }

    private static List<String> groups(Element item) {
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        for (Element group : item.elements()) {
            if (!group.is("group", RosterItem.NAMESPACE)) {
                continue;
            }
            String text = group.text();
            if (text.isEmpty()) {
                throw new Invalid(StanzaError.NOT_ACCEPTABLE, "a group name may not be empty");
            }
            if (text.length() > MAX_GROUP_LENGTH) {
                throw new Invalid(StanzaError.NOT_ACCEPTABLE, "a group name is too long");
            }
            if (!groups.add(text)) {
                throw new Invalid(StanzaError.BAD_REQUEST, "group '" + text + "' is listed twice");
            }
        }
        if (groups.size() > MAX_GROUPS) {
            throw new Invalid(StanzaError.NOT_ACCEPTABLE, "too many groups");
        }
        return new ArrayList<>(groups);
    }
}
