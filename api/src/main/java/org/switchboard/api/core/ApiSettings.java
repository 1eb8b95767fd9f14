package org.switchboard.api.core;

import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.config.Environment;

/**
 * Settings of the REST API.
 *
 * @param jwtSecret   HMAC key for access tokens ({@code SWITCHBOARD_JWT_SECRET}, at least 32 bytes). When
 *                    unset a random key is made at start, so tokens do not survive a restart and several API
 *                    processes cannot share them: set it for any deployment of more than one process.
 * @param accessTtl   lifetime of an access token ({@code SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS}, 900)
 * @param refreshTtl  lifetime of a refresh token ({@code SWITCHBOARD_REFRESH_TOKEN_TTL_SECONDS}, 30 days)
 * @param loginRequestsPerMinute login and refresh requests per source address per minute
 *                    ({@code SWITCHBOARD_API_LOGIN_RATE}, 30), whatever their outcome
 * @param registrationsPerHour registrations per source address per hour ({@code SWITCHBOARD_API_REGISTRATION_RATE}, 10)
 */
public record ApiSettings(byte[] jwtSecret, Duration accessTtl, Duration refreshTtl, int loginRequestsPerMinute,
                          int registrationsPerHour) {

    private static final Logger log = LoggerFactory.getLogger(ApiSettings.class);
    private static final int MIN_SECRET_BYTES = 32;

    public ApiSettings {
        if (jwtSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("SWITCHBOARD_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        jwtSecret = jwtSecret.clone();
    }

    public static ApiSettings from(Environment env) {
        String secret = env.secret("SWITCHBOARD_JWT_SECRET");
        byte[] key;
        if (secret == null) {
            key = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(key);
            log.warn("SWITCHBOARD_JWT_SECRET is not set: using a random key; access tokens end with this process");
        } else {
            key = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new ApiSettings(key,
                env.seconds("SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS", Duration.ofMinutes(15)),
                env.seconds("SWITCHBOARD_REFRESH_TOKEN_TTL_SECONDS", Duration.ofDays(30)),
                env.integer("SWITCHBOARD_API_LOGIN_RATE", 30, 1, 100_000),
                env.integer("SWITCHBOARD_API_REGISTRATION_RATE", 10, 1, 100_000));
    }

    @Override
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    @Override
    public String toString() {
        return "ApiSettings[jwtSecret=(redacted), accessTtl="
                + accessTtl + ", refreshTtl=" + refreshTtl + "]";
    }
}
