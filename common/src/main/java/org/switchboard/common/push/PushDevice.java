package org.switchboard.common.push;

import java.time.Instant;
import java.util.List;

/**
 * A device an account registered for push, with its tokens.
 *
 * @param deviceId the app's own name for the device (stable across token changes)
 * @param node     the XEP-0357 node the app enables at {@code push.<domain>}
 */
public record PushDevice(long id, long accountId, String deviceId, PushPlatform platform, String appId, String node,
                         Instant createdAt, List<Token> tokens) {

    public PushDevice {
        tokens = List.copyOf(tokens);
    }

    /**
     * One token of the device.
     *
     * @param lastError what the provider last refused or failed with (for admins), or null
     */
    public record Token(PushKind kind, String token, Instant updatedAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt) {
    }

    /** The device's token of {@code kind} as a target, or null when it has none. */
    public PushTarget target(PushKind kind) {
        return tokens.stream().filter(t -> t.kind() == kind).findFirst()
                .map(t -> new PushTarget(platform, kind, t.token(), appId)).orElse(null);
    }

    static String suffix(String token) {
        return token.length() <= 8 ? token : token.substring(token.length() - 8);
    }

    /** The last 8 characters of a token: enough to tell tokens apart, too little to push with. */
    public static String tokenSuffix(String token) {
        return suffix(token);
    }
}
