package org.switchboard.xmpp.xep.muc;

/**
 * A room's configuration, the options of the {@code muc#roomconfig} form (XEP-0045 section 10.2) that the
 * service acts on. The password is kept only as a salted hash ({@link RoomPassword}).
 *
 * @param whoisAnyone   non-anonymous: every occupant sees real JIDs (false: semi-anonymous, moderators only)
 * @param allowPm       who may send private messages: anyone, participants, moderators or none
 * @param passwordHash  null when the room has no password
 */
record RoomConfig(String title, String description, boolean persistent, boolean publicRoom, boolean membersOnly,
                  boolean moderated, String passwordHash, boolean whoisAnyone, int maxOccupants, boolean changeSubject,
                  boolean allowInvites, String allowPm, boolean logging) {

    static RoomConfig defaults(int maxOccupants) {
        return new RoomConfig(null, null, false, true, false, false, null, false, maxOccupants, false, false, "anyone", true);
    }

    boolean passwordProtected() {
        return passwordHash != null;
    }

    RoomConfig withPersistent(boolean value) {
        return new RoomConfig(title, description, value, publicRoom, membersOnly, moderated, passwordHash, whoisAnyone,
                maxOccupants, changeSubject, allowInvites, allowPm, logging);
    }
}
