package org.switchboard.api.push.fcm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * How to reach FCM. FCM is off when no credentials are set.
 *
 * @param credentials the Firebase service-account JSON ({@code SWITCHBOARD_FCM_CREDENTIALS})
 * @param ttl         how long FCM keeps a message for a phone that is off ({@code SWITCHBOARD_FCM_TTL_SECONDS}, 300)
 */
public record FcmSettings(Path credentials, Duration ttl) {

    /** The settings, or null when FCM is not configured. */
    public static FcmSettings from(Environment env) {
        String path = env.string("SWITCHBOARD_FCM_CREDENTIALS", "");
        if (path.isEmpty()) {
            return null;
        }
        Path credentials = Path.of(path);
        if (!Files.isReadable(credentials)) {
            throw new IllegalArgumentException("SWITCHBOARD_FCM_CREDENTIALS=" + path + " is not a readable file");
        }
        return new FcmSettings(credentials, env.seconds("SWITCHBOARD_FCM_TTL_SECONDS", Duration.ofMinutes(5)));
    }
}
