package org.switchboard.common.push;

import java.util.Objects;

/**
 * One token to push to.
 *
 * @param appId the app's bundle id (the APNs topic; VoIP pushes go to {@code <appId>.voip}) or Android package
 */
public record PushTarget(PushPlatform platform, PushKind kind, String token, String appId) {

    public PushTarget {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(appId, "appId");
    }

    /** The last characters of the token, enough for a person to tell tokens apart in logs and admin views. */
    public String tokenSuffix() {
        return PushDevice.suffix(token);
    }

    @Override
    public String toString() {
        return platform.wire() + "/" + kind.wire() + " …" + tokenSuffix();
    }
}
