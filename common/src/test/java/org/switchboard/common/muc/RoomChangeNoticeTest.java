package org.switchboard.common.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payload of a room change's {@code NOTIFY}: read back as written, and anything else refused with its reason. */
class RoomChangeNoticeTest {

    private static final UUID ORIGIN = UUID.fromString("2df03bf0-048e-43a0-9b68-07f3cbbd50fd");
    private static final String VALID = "v1\n" + ORIGIN + "\nconference.example.com\nabcd\nMEMBER_ADDED\nbob@example.com\nolivia@example.com";

    @Test
    void readsBackWhatItWrites() {
        RoomChangeNotice added = new RoomChangeNotice(ORIGIN,
                new RoomChange("conference.example.com", "abcd", RoomChange.Kind.MEMBER_ADDED, "bob@example.com", "olivia@example.com"));
        RoomChangeNotice described = new RoomChangeNotice(ORIGIN,
                new RoomChange("conference.example.com", "abcd", RoomChange.Kind.DESCRIBED, null, null));
        assertThat(added.encode()).isEqualTo(VALID);
        assertThat(RoomChangeNotice.decode(added.encode())).isEqualTo(added);
        assertThat(RoomChangeNotice.decode(described.encode())).isEqualTo(described);
    }

    @Test
    void refusesMalformedAndHostilePayloads() {
        assertRefused(null, "empty");
        assertRefused("", "empty");
        assertRefused("v1\nx", "2 lines, not 7");
        assertRefused(VALID + "\nmore", "8 lines, not 7");
        assertRefused(VALID.replace("v1", "v2"), "unknown version 'v2'");
        assertRefused(VALID.replace(ORIGIN.toString(), "not-a-uuid"), "origin is no UUID");
        assertRefused(VALID.replace("MEMBER_ADDED", "DROP_TABLE"), "unknown kind 'DROP_TABLE'");
        assertRefused(VALID.replace("MEMBER_ADDED", "MISSED"), "only the listener makes");
        assertRefused(VALID.replace("\nabcd\n", "\n\n"), "without room");
        assertRefused(VALID.replace("conference.example.com", ""), "without service");
        assertRefused(VALID.replace("bob@example.com", ""), "MEMBER_ADDED without a member jid");
        assertRefused(VALID.replace("MEMBER_ADDED", "DESTROYED"), "DESTROYED with a member jid");
        assertRefused(VALID.replace("bob@example.com", "bob @example.com"), "jid holds a space or control character");
        assertRefused(VALID.replace("abcd", "ab\u0000cd"), "room holds a space or control character");
        assertRefused(VALID.replace("bob@example.com", "b".repeat(2048)), "jid over 2047 characters");
        assertRefused(VALID + "x".repeat(8000), "over 7999 bytes");
    }

    @Test
    void refusesToWriteWhatPostgresWouldRefuse() {
        String long2 = "a".repeat(2047);
        RoomChangeNotice huge = new RoomChangeNotice(ORIGIN,
                new RoomChange(long2, long2, RoomChange.Kind.MEMBER_REMOVED, long2 + "@" + long2, long2));
        assertThatThrownBy(huge::encode).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload limit");
    }

    private static void assertRefused(String payload, String reason) {
        assertThatThrownBy(() -> RoomChangeNotice.decode(payload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
