package org.switchboard.api;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.switchboard.api.push.PushTestCredentials;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.testing.TestDatabase;

/**
 * Boots the API on the shared embedded test database, the way the launcher does. {@code test.registration}
 * picks open or closed registration; the per-address limits are raised because every test comes from
 * 127.0.0.1 (they have tests of their own; {@code test.pairing-rate} and {@code test.pairing-failures} lower
 * the pairing ones for those, {@code test.group-changes} the group one). Webhooks may use plain HTTP to loopback receivers unless {@code test.webhook-allow-http}
 * and {@code test.webhook-allowed-networks} say otherwise.
 */
@SpringBootApplication(scanBasePackages = "org.switchboard.api.none")
@Import(ApiConfiguration.class)
public class TestApiApplication {

    public static final String DOMAIN = "api.test";

    @Bean
    Environment switchboardEnvironment(@Value("${test.registration:open}") String registration,
                                       @Value("${test.pairing-rate:100000}") String pairingRate,
                                       @Value("${test.pairing-failures:100000}") String pairingFailures,
                                       @Value("${test.webhook-allow-http:true}") String webhookAllowHttp,
                                       @Value("${test.webhook-allowed-networks:127.0.0.0/8}") String webhookNetworks,
                                       @Value("${test.login-rate:100000}") String loginRate,
                                       @Value("${test.refresh-ttl-seconds:2592000}") String refreshTtl,
                                       @Value("${test.group-changes:100000}") String groupChanges) {
        return new Environment(Map.ofEntries(
                Map.entry("SWITCHBOARD_REGISTRATION", registration),
                Map.entry("SWITCHBOARD_API_PAIRING_RATE", pairingRate),
                Map.entry("SWITCHBOARD_API_PAIRING_FAILURES", pairingFailures),
                Map.entry("SWITCHBOARD_API_LOGIN_RATE", loginRate),
                Map.entry("SWITCHBOARD_REFRESH_TOKEN_TTL_SECONDS", refreshTtl),
                Map.entry("SWITCHBOARD_API_REGISTRATION_RATE", "100000"),
                Map.entry("SWITCHBOARD_METRICS_TOKEN", "scrape-token-for-tests"),
                // SMS event streams look often and beat soon, so their tests wait little
                Map.entry("SWITCHBOARD_API_SMS_STREAM_POLL_MILLIS", "100"),
                Map.entry("SWITCHBOARD_API_SMS_HEARTBEAT_SECONDS", "2"),
                Map.entry("SWITCHBOARD_API_WEBHOOK_POLL_MILLIS", "100"),
                Map.entry("SWITCHBOARD_API_WEBHOOK_BACKOFF_MILLIS", "200"),
                // the webhook receivers of the tests are plain HTTP servers on loopback
                Map.entry("SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP", webhookAllowHttp),
                Map.entry("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS", webhookNetworks),
                Map.entry("SWITCHBOARD_JWT_SECRET", "a-test-secret-that-is-long-enough-for-hs256"),
                // push: credentials made for this JVM; nothing is sent to Apple or Google by these tests
                Map.entry("SWITCHBOARD_APNS_KEY_PATH", PushTestCredentials.apnsKeyPath().toString()),
                Map.entry("SWITCHBOARD_APNS_KEY_ID", PushTestCredentials.APNS_KEY_ID),
                Map.entry("SWITCHBOARD_APNS_TEAM_ID", PushTestCredentials.APNS_TEAM_ID),
                Map.entry("SWITCHBOARD_APNS_TOPIC", PushTestCredentials.APNS_TOPIC),
                Map.entry("SWITCHBOARD_FCM_CREDENTIALS", PushTestCredentials.fcmCredentials().toString()),
                Map.entry("SWITCHBOARD_PUSH_MAX_DEVICES", "3"),
                // groups: low limits of the group chat service, so GroupsApiTest reaches them
                Map.entry("SWITCHBOARD_MUC_MAX_ROOMS", "3"),
                Map.entry("SWITCHBOARD_MUC_MAX_OCCUPANTS", "4"),
                Map.entry("SWITCHBOARD_API_GROUP_CHANGES_PER_HOUR", groupChanges)));
    }

    @Bean
    CoreSettings coreSettings(Environment switchboardEnvironment) {
        CoreSettings fromEnv = CoreSettings.from(switchboardEnvironment);
        return new CoreSettings(DOMAIN, Path.of("target/data"), fromEnv.registrationOpen(), 4096,
                new LockoutPolicy(5, 100_000, 100_000, LockoutPolicy.DEFAULT.window(), LockoutPolicy.DEFAULT.lockDuration()));
    }

    @Bean
    DatabaseSettings databaseSettings() {
        return TestDatabase.settings();
    }
}
