package org.switchboard.xmpp.xep.pubsub;

/** {@code pubsub#send_last_published_item}: when a new subscriber gets the node's newest item (XEP-0060 section 16.4.3). */
public enum SendLastItem {
    NEVER("never"),
    ON_SUB("on_sub"),
    ON_SUB_AND_PRESENCE("on_sub_and_presence");

    private final String wireName;

    SendLastItem(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The value for a form value, or null when it is not one of the three. */
    public static SendLastItem fromWire(String value) {
        for (SendLastItem option : values()) {
            if (option.wireName.equals(value)) {
                return option;
            }
        }
        return null;
    }
}
