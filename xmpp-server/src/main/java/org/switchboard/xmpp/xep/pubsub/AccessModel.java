package org.switchboard.xmpp.xep.pubsub;

import java.util.Locale;

/** Who may retrieve a node's items and receive its notifications (XEP-0060 section 4.5). */
public enum AccessModel {
    /** Anyone. */
    OPEN,
    /** Contacts subscribed to the owner's presence. */
    PRESENCE,
    /** Contacts in the owner's roster groups named by {@code pubsub#roster_groups_allowed}. */
    ROSTER,
    /** Only the owner and those the owner affiliated as members or publishers. */
    WHITELIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model for a form value, or null when it is none of these (authorize is not offered). */
    public static AccessModel fromWire(String value) {
        for (AccessModel model : values()) {
            if (model.wireName().equals(value)) {
                return model;
            }
        }
        return null;
    }
}
