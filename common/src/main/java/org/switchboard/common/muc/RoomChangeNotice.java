package org.switchboard.common.muc;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@link RoomChange} as the payload of a PostgreSQL {@code NOTIFY} on {@link #CHANNEL} (ADR 0016), so that a
 * multi-user chat service in another process learns of it. Seven lines: the format's version, the origin (the
 * {@link GroupStore} that made the change, so its own process does not apply it twice), the service, the room, the
 * kind and the member and actor JIDs (empty when none). Nothing secret: room names and bare JIDs the room's own
 * occupants see. The decoder is strict, since anyone who can log in to the database can notify the channel.
 *
 * @param origin the id of the {@link GroupStore} that committed the change
 */
public record RoomChangeNotice(UUID origin, RoomChange change) {

    /** The channel {@link GroupStore} notifies and the service listens on. */
    public static final String CHANNEL = "switchboard_room_changes";
    /** PostgreSQL refuses payloads of 8,000 bytes or more; bare JIDs are at most 2,047 bytes each (RFC 7622). */
    static final int MAX_BYTES = 7999;
    private static final String VERSION = "v1";
    private static final int MAX_FIELD = 2047;

    public String encode() {
        String payload = String.join("\n", VERSION, origin.toString(), change.service(), change.room(), change.kind().name(),
                change.jid() == null ? "" : change.jid(), change.actor() == null ? "" : change.actor());
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("a room change notice would pass PostgreSQL's payload limit of " + MAX_BYTES + " bytes");
        }
        return payload;
    }

    /**
     * Reads a payload written by {@link #encode}; {@link IllegalArgumentException} names what is wrong with any other.
     * {@link RoomChange.Kind#MISSED} is the listener's own and never comes in a notice.
     */
    public static RoomChangeNotice decode(String payload) {
        if (payload == null || payload.isEmpty()) {
            throw new IllegalArgumentException("empty room change notice");
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("room change notice over " + MAX_BYTES + " bytes");
        }
        String[] lines = payload.split("\n", -1);
        if (lines.length != 7) {
            throw new IllegalArgumentException("room change notice has " + lines.length + " lines, not 7");
        }
        if (!VERSION.equals(lines[0])) {
            throw new IllegalArgumentException("room change notice of unknown version '" + shorten(lines[0]) + "'");
        }
        UUID origin;
        try {
            origin = UUID.fromString(lines[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("room change notice origin is no UUID: '" + shorten(lines[1]) + "'");
        }
        String service = field(lines[2], "service", true);
        String room = field(lines[3], "room", true);
        RoomChange.Kind kind;
        try {
            kind = RoomChange.Kind.valueOf(lines[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("room change notice of unknown kind '" + shorten(lines[4]) + "'");
        }
        if (kind == RoomChange.Kind.MISSED) {
            throw new IllegalArgumentException("room change notice of kind MISSED, which only the listener makes");
        }
        String jid = field(lines[5], "jid", false);
        String actor = field(lines[6], "actor", false);
        boolean aboutMember = kind == RoomChange.Kind.MEMBER_ADDED || kind == RoomChange.Kind.MEMBER_REMOVED;
        if (aboutMember != (jid != null)) {
            throw new IllegalArgumentException("room change notice of kind " + kind + (aboutMember ? " without" : " with") + " a member jid");
        }
        return new RoomChangeNotice(origin, new RoomChange(service, room, kind, jid, actor));
    }

    private static String field(String value, String name, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("room change notice without " + name);
            }
            return null;
        }
        if (value.length() > MAX_FIELD) {
            throw new IllegalArgumentException("room change notice " + name + " over " + MAX_FIELD + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("room change notice " + name + " holds a space or control character");
            }
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
