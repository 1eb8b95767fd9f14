package org.switchboard.api.push.apns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.switchboard.common.config.Environment;

/**
 * How to reach APNs, with token (.p8) authentication. APNs is off when no key path is set.
 *
 * @param keyPath     the .p8 signing key from Apple's developer account ({@code SWITCHBOARD_APNS_KEY_PATH})
 * @param keyId       its key id ({@code SWITCHBOARD_APNS_KEY_ID})
 * @param teamId      the developer team id ({@code SWITCHBOARD_APNS_TEAM_ID})
 * @param topics      the bundle ids of the apps pushed to ({@code SWITCHBOARD_APNS_TOPIC}, comma-separated); a token
 *                    registered for any other app is refused, VoIP pushes go to {@code <topic>.voip}
 * @param sandbox     Apple's development server instead of production ({@code SWITCHBOARD_APNS_SANDBOX}, false)
 * @param server      host:port of an APNs stand-in or proxy ({@code SWITCHBOARD_APNS_SERVER}); null: Apple's
 * @param trustPath   PEM certificates to trust for {@code server} ({@code SWITCHBOARD_APNS_TRUST_PATH}); null: the JDK's
 * @param voipExpiry  how long APNs keeps trying a VoIP push: a call is over soon ({@code SWITCHBOARD_APNS_VOIP_EXPIRY_SECONDS}, 30)
 */
public record ApnsSettings(Path keyPath, String keyId, String teamId, List<String> topics, boolean sandbox, String server,
                           Path trustPath, Duration voipExpiry) {

    public ApnsSettings {
        topics = List.copyOf(topics);
    }

    /** The settings, or null when APNs is not configured. */
    public static ApnsSettings from(Environment env) {
        String key = env.string("SWITCHBOARD_APNS_KEY_PATH", "");
        if (key.isEmpty()) {
            return null;
        }
        Path keyPath = Path.of(key);
        if (!Files.isReadable(keyPath)) {
            throw new IllegalArgumentException("SWITCHBOARD_APNS_KEY_PATH=" + key + " is not a readable file");
        }
        String keyId = required(env, "SWITCHBOARD_APNS_KEY_ID");
        String teamId = required(env, "SWITCHBOARD_APNS_TEAM_ID");
        List<String> topics = Arrays.stream(required(env, "SWITCHBOARD_APNS_TOPIC").split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
        String server = env.string("SWITCHBOARD_APNS_SERVER", "");
        if (!server.isEmpty() && !server.matches("[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}")) {
            throw new IllegalArgumentException("SWITCHBOARD_APNS_SERVER=" + server + " must be host:port");
        }
        String trust = env.string("SWITCHBOARD_APNS_TRUST_PATH", "");
        return new ApnsSettings(keyPath, keyId, teamId, topics, env.bool("SWITCHBOARD_APNS_SANDBOX", false),
                server.isEmpty() ? null : server, trust.isEmpty() ? null : Path.of(trust),
                env.seconds("SWITCHBOARD_APNS_VOIP_EXPIRY_SECONDS", Duration.ofSeconds(30)));
    }

    private static String required(Environment env, String name) {
        String value = env.string(name, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required when SWITCHBOARD_APNS_KEY_PATH is set");
        }
        return value;
    }
}
