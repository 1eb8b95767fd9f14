package org.switchboard.xmpp.xep.bookmarksconversion;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;

/**
 * A conference bookmark in its two forms: {@code <conference jid='…'/>} in {@code storage:bookmarks} (XEP-0048
 * section 3.2) and the payload {@code <conference xmlns='urn:xmpp:bookmarks:1'/>} of the PEP item whose id is the
 * room's JID (XEP-0402 section 3). Name, autojoin, nick and password carry over; anything else inside a legacy
 * conference goes to the XEP-0402 {@code <extensions/>}, which clients must preserve, and comes back from it.
 */
final class Conferences {

    static final String LEGACY = "storage:bookmarks";
    static final String PEP = "urn:xmpp:bookmarks:1";

    private Conferences() {
    }

    /** A legacy conference refused, with what was wrong (a {@code bad-request}: it breaks XEP-0048's schema). */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** One conference as a PEP item: its id (the room's bare JID) and payload. */
    record PepItem(String id, Element payload) {
    }

    static boolean isConference(Element element) {
        return element.is("conference", LEGACY);
    }

    /** The legacy conference as a PEP item. */
    static PepItem toPep(Element legacy) throws Malformed {
        String jid = legacy.attribute("jid");
        if (jid == null || jid.isEmpty()) {
            throw new Malformed("a conference bookmark names its room with a jid attribute");
        }
        Jid room;
        try {
            room = Jid.parse(jid);
        } catch (JidFormatException e) {
            throw new Malformed("conference jid '" + abbreviate(jid) + "' is no JID: " + e.getMessage());
        }
        if (!room.equals(room.bare())) {
            throw new Malformed("conference jid '" + abbreviate(jid) + "' is a full JID; a room is a bare JID");
        }
        var conference = Element.builder("conference", PEP);
        if (legacy.attribute("name") != null) {
            conference.attribute("name", legacy.attribute("name"));
        }
        if (isTrue(legacy.attribute("autojoin"))) {
            conference.attribute("autojoin", "true");
        }
        List<Element> extensions = new ArrayList<>();
        Element nick = null;
        Element password = null;
        for (Element child : legacy.elements()) {
            if (child.is("nick", LEGACY) && nick == null) {
                nick = child;
            } else if (child.is("password", LEGACY) && password == null) {
                password = child;
            } else {
                extensions.add(child);
            }
        }
        if (nick != null) {
            conference.textChild("nick", nick.text());
        }
        if (password != null) {
            conference.textChild("password", password.text());
        }
        if (!extensions.isEmpty()) {
            var holder = Element.builder("extensions", PEP);
            extensions.forEach(holder::child);
            conference.child(holder.build());
        }
        return new PepItem(room.toString(), conference.build());
    }

    /**
     * The wanted item, with the current item's {@code <extensions/>} when it brings none: a legacy client drops
     * what it does not understand when it rewrites its list, and XEP-0402 section 3 asks that extensions be kept.
     */
    static PepItem keepingExtensions(PepItem wanted, Element currentLegacy) {
        if (currentLegacy == null || wanted.payload().child("extensions", PEP).isPresent()) {
            return wanted;
        }
        List<Element> extensions = currentLegacy.elements().stream()
                .filter(child -> !child.is("nick", LEGACY) && !child.is("password", LEGACY)).toList();
        if (extensions.isEmpty()) {
            return wanted;
        }
        var payload = wanted.payload().toBuilder();
        var holder = Element.builder("extensions", PEP);
        extensions.forEach(holder::child);
        return new PepItem(wanted.id(), payload.child(holder.build()).build());
    }

    /** The PEP item as a legacy conference; null for an item whose payload is no XEP-0402 conference. */
    static Element toLegacy(String id, Element payload) {
        if (payload == null || !payload.is("conference", PEP)) {
            return null;
        }
        var conference = Element.builder("conference", LEGACY).attribute("jid", id);
        if (payload.attribute("name") != null) {
            conference.attribute("name", payload.attribute("name"));
        }
        conference.attribute("autojoin", isTrue(payload.attribute("autojoin")) ? "true" : "false");
        payload.child("nick", PEP).ifPresent(nick -> conference.textChild("nick", nick.text()));
        payload.child("password", PEP).ifPresent(password -> conference.textChild("password", password.text()));
        payload.child("extensions", PEP).ifPresent(extensions -> extensions.elements().forEach(conference::child));
        return conference.build();
    }

    /** xs:boolean, as both XEPs type autojoin. */
    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
