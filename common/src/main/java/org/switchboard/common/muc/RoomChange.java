package org.switchboard.common.muc;

/**
 * A change to a room that the REST API committed and the multi-user chat service must act on at once, because it
 * may hold the room in memory with occupants in it (ADR 0016). Published by {@link GroupStore} after the change
 * is committed; the service applies it to the live room, if there is one, and sends what XEP-0045 says occupants
 * see. A room that is not in memory needs nothing: it is read from the database when it is next addressed.
 * A service in another process hears of it through PostgreSQL {@code NOTIFY} ({@link RoomChangeNotice},
 * {@link RoomChangeListener}).
 *
 * @param service the service's domain, {@code conference.<domain>}
 * @param room    the room's name (its JID's localpart); null for {@link Kind#MISSED}
 * @param jid     the bare JID a membership change is about; null for the others
 * @param actor   the bare JID of whoever made the change (named in invitations and removals)
 */
public record RoomChange(String service, String room, Kind kind, String jid, String actor) {

    public enum Kind {
        /**
         * {@code jid} became a member: it may enter the members-only room, gets it as a bookmark (XEP-0402) and is
         * invited (XEP-0249).
         */
        MEMBER_ADDED,
        /** {@code jid} is no longer affiliated: its occupants leave the room with status 321, its bookmark goes. */
        MEMBER_REMOVED,
        /** The room's name or description changed: occupants are told (status 104). */
        DESCRIBED,
        /**
         * The room is gone: occupants get unavailable presence with {@code <destroy/>}. Each former member (but the
         * creator) follows as {@link #MEMBER_REMOVED}, so what was given them for the room (a bookmark) goes too.
         */
        DESTROYED,
        /**
         * Not a change but word that changes may have been missed: {@link RoomChangeListener} (re)started listening
         * and PostgreSQL keeps no notification for a listener that was away. The service reads every room it holds
         * in memory afresh.
         */
        MISSED
    }
}
