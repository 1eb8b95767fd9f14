package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.common.muc.RoomConfig;
import org.switchboard.xmpp.stanza.Jid;

/**
 * One room's live state: configuration, affiliations, occupants, subject. Every read and change happens under
 * the room's own lock ({@code synchronized (room)}); what a change makes others see is collected as stanzas
 * under the lock and routed after it.
 */
final class Room {

    final long id;
    final String name;
    final Jid jid;
    final String creator;
    final String salt;
    RoomConfig config;
    final Map<Jid, Affiliation> affiliations = new HashMap<>();
    /** Occupants by nick, in order of arrival (presence is sent in that order). */
    final Map<String, Occupant> occupants = new LinkedHashMap<>();
    String subject;
    String subjectNick;
    /** SHA-1 of the photo in the room's vCard (XEP-0153), or null when it has none. */
    String photoHash;
    /** A new room stays locked until its owner has configured it (XEP-0045 section 10.1). */
    boolean locked;
    /** Destroyed or emptied: a stanza that still finds this object must look the room up again. */
    boolean gone;
    /** Groupchat messages waiting for their archive row and then for their turn to be sent ({@link RoomWrites}). */
    final RoomWrites.Lane lane = new RoomWrites.Lane();

    Room(long id, String name, Jid jid, String creator, String salt, RoomConfig config) {
        this.id = id;
        this.name = name;
        this.jid = jid;
        this.creator = creator;
        this.salt = salt;
        this.config = config;
    }

    Affiliation affiliation(Jid someone) {
        return affiliations.getOrDefault(someone.bare(), Affiliation.NONE);
    }

    /** The occupant that is this client session, or null. */
    Occupant occupant(Jid fullJid) {
        for (Occupant occupant : occupants.values()) {
            if (occupant.jid.equals(fullJid)) {
                return occupant;
            }
        }
        return null;
    }

    /** Every occupant whose session belongs to {@code bare}. */
    List<Occupant> occupantsOf(Jid bare) {
        List<Occupant> found = new ArrayList<>();
        for (Occupant occupant : occupants.values()) {
            if (occupant.bare.equals(bare)) {
                found.add(occupant);
            }
        }
        return found;
    }

    List<Jid> owners() {
        List<Jid> owners = new ArrayList<>();
        affiliations.forEach((jid, affiliation) -> {
            if (affiliation == Affiliation.OWNER) {
                owners.add(jid);
            }
        });
        return owners;
    }

    /** Whether {@code viewer} is shown occupants' real JIDs. */
    boolean showsRealJids(Occupant viewer) {
        return config.whoisAnyone() || (viewer != null && viewer.role == Role.MODERATOR);
    }

    Jid occupantJid(String nick) {
        return jid.withResource(nick);
    }
}
