package org.switchboard.common.push;

import java.util.Locale;

/** What a token is for: the phone's OS hands out a different token for each. */
public enum PushKind {
    /** A visible notification (a message arrived). */
    ALERT,
    /** An incoming call (APNs PushKit): the app must report a call at once. */
    VOIP,
    /** A silent data message (FCM); also wakes a dozing SMS host. */
    DATA;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PushKind fromWire(String value) {
        for (PushKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of alert, voip, data");
    }
}
