package org.switchboard.common.muc;

/**
 * A room's configuration, the options of the {@code muc#roomconfig} form (XEP-0045 section 10.2) that the
 * service acts on. The password is kept only as a salted hash, never in clear.
 *
 * @param whoisAnyone   non-anonymous: every occupant sees real JIDs (false: semi-anonymous, moderators only)
 * @param allowPm       who may send private messages: anyone, participants, moderators or none
 * @param passwordHash  null when the room has no password
 */
public record RoomConfig(String title, String description, boolean persistent, boolean publicRoom, boolean membersOnly,
                  boolean moderated, String passwordHash, boolean whoisAnyone, int maxOccupants, boolean changeSubject,
                  boolean allowInvites, String allowPm, boolean logging) {

    /** The longest room name ({@code muc#roomconfig_roomname}), as {@code muc_rooms.title} holds. */
    public static final int MAX_TITLE = 1024;
    /** The longest description ({@code muc#roomconfig_roomdesc}), as {@code muc_rooms.description} holds. */
    public static final int MAX_DESCRIPTION = 4096;

    public static RoomConfig defaults(int maxOccupants) {
        return new RoomConfig(null, null, false, true, false, false, null, false, maxOccupants, false, false, "anyone", true);
    }

    /**
     * A group of the REST API: persistent, members-only, hidden from disco, non-anonymous among its members (like a
     * private group of Conversations), the owner alone inviting and setting the subject.
     */
    public static RoomConfig group(String title, String description, int maxOccupants) {
        return new RoomConfig(title, description, true, false, true, false, null, true, maxOccupants, false, false, "anyone", true);
    }

    public boolean passwordProtected() {
        return passwordHash != null;
    }

    /** The same configuration under another name and description (a group renamed through the REST API). */
    public RoomConfig withDescription(String newTitle, String newDescription) {
        return new RoomConfig(newTitle, newDescription, persistent, publicRoom, membersOnly, moderated, passwordHash, whoisAnyone,
                maxOccupants, changeSubject, allowInvites, allowPm, logging);
    }

    public RoomConfig withPersistent(boolean value) {
        return new RoomConfig(title, description, value, publicRoom, membersOnly, moderated, passwordHash, whoisAnyone,
                maxOccupants, changeSubject, allowInvites, allowPm, logging);
    }
}
