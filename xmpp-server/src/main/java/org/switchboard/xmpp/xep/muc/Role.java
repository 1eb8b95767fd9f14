package org.switchboard.xmpp.xep.muc;

import java.util.Locale;

/** An occupant's role for the time of its visit (XEP-0045 section 5.1), highest first. */
enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String text) {
        for (Role value : values()) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        return null;
    }

    boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
