package org.switchboard.common.push;

import java.util.Locale;
import java.util.Set;

/** The push provider a token belongs to, and which kinds of push it carries for Switchboard. */
public enum PushPlatform {
    /** Apple Push Notification service: alert pushes, and VoIP pushes (PushKit) for calls. */
    APNS(Set.of(PushKind.ALERT, PushKind.VOIP)),
    /** Firebase Cloud Messaging: data-only messages; the app builds any notification itself. */
    FCM(Set.of(PushKind.DATA));

    private final Set<PushKind> kinds;

    PushPlatform(Set<PushKind> kinds) {
        this.kinds = kinds;
    }

    public boolean carries(PushKind kind) {
        return kinds.contains(kind);
    }

    public Set<PushKind> kinds() {
        return kinds;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform named {@code apns} or {@code fcm}; an {@link IllegalArgumentException} naming both otherwise. */
    public static PushPlatform fromWire(String value) {
        for (PushPlatform platform : values()) {
            if (platform.wire().equals(value)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("must be one of apns, fcm");
    }
}
