package org.switchboard.xmpp.xep.muc;

import java.util.Locale;

/** A long-lived relation of a bare JID to a room (XEP-0045 section 5.2), highest first. */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The affiliation named, or null. */
    public static Affiliation parse(String text) {
        for (Affiliation value : values()) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        return null;
    }

    boolean atLeast(Affiliation other) {
        return ordinal() <= other.ordinal();
    }

    /** The role an occupant with this affiliation gets on entering (section 5.1.2). */
    Role defaultRole(boolean moderated) {
        return switch (this) {
            case OWNER, ADMIN -> Role.MODERATOR;
            case MEMBER -> Role.PARTICIPANT;
            case NONE -> moderated ? Role.VISITOR : Role.PARTICIPANT;
            case OUTCAST -> Role.NONE;
        };
    }
}
