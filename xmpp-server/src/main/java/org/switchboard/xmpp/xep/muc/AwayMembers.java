package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.push.PushNotification;

/**
 * Who is told of a groupchat message by a push (XEP-0357, issue 15): a person away from the room — none of their
 * clients attends it, because none is an occupant or every one that is sleeps (detached by stream management, or
 * unavailable) — who is a member of the room (owner, admin or member: a group's people), or an occupant whose nick,
 * bare JID or XEP-0372 mention the message names. The push module counts it into their burst like a direct message,
 * so pushes are coalesced and limited the same way; the text never leaves the room.
 */
final class AwayMembers {

    static final String REFERENCE = "urn:xmpp:reference:0";

    /** One person to consider, copied under the room's lock. */
    private static final class Person {
        final Jid bare;
        final boolean member;
        // most people attend with one client under one nick
        final List<Jid> sessions = new ArrayList<>(1);
        final List<String> nicks = new ArrayList<>(1);

        Person(Jid bare, boolean member) {
            this.bare = bare;
            this.member = member;
        }
    }

    /** What {@link #notify} needs of the room, taken under its lock. */
    static final class Snapshot {
        private final Jid from;
        private final Stanza message;
        private final Map<Jid, Person> people;

        private Snapshot(Jid from, Stanza message, Map<Jid, Person> people) {
            this.from = from;
            this.message = message;
            this.people = people;
        }
    }

    private AwayMembers() {
    }

    /**
     * Under the room's lock: the members of the room besides the sender, and the occupants the message names, or
     * null when the message carries nothing a person reads (chat states, subject changes). Occupants who are neither
     * would never be pushed, so none is copied: in a busy room that was a copy of every occupant per message.
     */
    static Snapshot take(Room room, Occupant sender, Stanza reflected) {
        if (!PushNotification.hasContent(reflected)) {
            return null;
        }
        Jid senderBare = sender.bare;
        String text = lowerBody(reflected);
        Set<Jid> named = null;
        for (Occupant occupant : room.occupants.values()) {
            if (!occupant.bare.equals(senderBare) && mentioned(occupant.bare, occupant.bareText, List.of(occupant.nick), text, reflected)) {
                named = named == null ? new HashSet<>() : named;
                named.add(occupant.bare);
            }
        }
        Map<Jid, Person> people = new LinkedHashMap<>();
        room.affiliations.forEach((bare, affiliation) -> {
            if (affiliation.atLeast(Affiliation.MEMBER) && !bare.equals(senderBare)) {
                people.put(bare, new Person(bare, true));
            }
        });
        for (Occupant occupant : room.occupants.values()) {
            Jid bare = occupant.bare;
            Person person = people.get(bare);
            if (person == null && named != null && named.contains(bare)) {
                person = new Person(bare, false);
                people.put(bare, person);
            }
            if (person != null) {
                // every client of the person, so that one client attending the room keeps them from being pushed
                person.sessions.add(occupant.jid);
                person.nicks.add(occupant.nick);
            }
        }
        return new Snapshot(reflected.from(), reflected, people);
    }

    /** After the message went out: counts it for every person away from the room who is to be pushed. */
    static void notify(Snapshot snapshot, PushModule push, ModuleContext context) {
        String domain = context.serverJid().domain();
        for (Jid bare : away(snapshot, context.sessions())) {
            // only this server's accounts can have enabled push here; people of other servers are pushed by theirs
            if (domain.equals(bare.domain())) {
                push.roomMessage(bare, snapshot.from, context);
            }
        }
    }

    static List<Jid> away(Snapshot snapshot, SessionDirectory directory) {
        List<Jid> away = new ArrayList<>();
        String text = lowerBody(snapshot.message);
        for (Person person : snapshot.people.values()) {
            List<ClientSession> sessions = new ArrayList<>(person.sessions.size());
            for (Jid occupant : person.sessions) {
                directory.session(occupant).ifPresent(sessions::add);
            }
            if (!PushModule.unattended(sessions)) {
                continue;
            }
            if (person.member || mentioned(person.bare, person.bare.toString(), person.nicks, text, snapshot.message)) {
                away.add(person.bare);
            }
        }
        return away;
    }

    /** The body in lower case, or null when there is none. */
    private static String lowerBody(Stanza message) {
        String body = message.element().childText("body", Namespaces.CLIENT);
        return body == null || body.isEmpty() ? null : body.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the message names the person: a XEP-0372 mention of their bare JID (or of one of their room JIDs),
     * or their bare JID or one of their nicks as a word of the body (the account name stands for the nick of a
     * member who is not in the room: groups bookmark the room with it).
     *
     * @param text the body in lower case, or null
     */
    static boolean mentioned(Jid bare, String bareText, List<String> nicks, String text, Stanza message) {
        for (Node node : message.element().children()) {
            if (node instanceof Element child && child.is("reference", REFERENCE) && "mention".equals(child.attribute("type"))) {
                Jid uri = uriJid(child.attribute("uri"));
                if (uri != null && (uri.bare().equals(bare)
                        || (uri.bare().equals(message.from().bare()) && nicks.contains(uri.resource())))) {
                    return true;
                }
            }
        }
        if (text == null) {
            return false;
        }
        for (String nick : nicks) {
            if (containsWord(text, nick.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return containsWord(text, bareText.toLowerCase(Locale.ROOT))
                || (nicks.isEmpty() && bare.localpart() != null && containsWord(text, bare.localpart().toLowerCase(Locale.ROOT)));
    }

    private static Jid uriJid(String uri) {
        if (uri == null || !uri.startsWith("xmpp:")) {
            return null;
        }
        String rest = uri.substring("xmpp:".length());
        int query = rest.indexOf('?');
        return Jid.parseOrNull(query < 0 ? rest : rest.substring(0, query));
    }

    /** {@code word} in {@code text} with no letter or digit right before or after it. */
    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
