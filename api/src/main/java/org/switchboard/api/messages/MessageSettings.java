package org.switchboard.api.messages;

import java.time.Duration;
import java.util.Locale;
import org.switchboard.common.config.Environment;

/**
 * Settings of the messages API.
 *
 * @param defaultRegion   region for numbers typed without a country code when no SIM of the person says its
 *                        region ({@code SWITCHBOARD_SMS_DEFAULT_REGION}, US; the gateway reads the same one)
 * @param streamPoll      how often an open event stream looks for new events ({@code SWITCHBOARD_API_SMS_STREAM_POLL_MILLIS}, 1000)
 * @param heartbeat       a comment line on an idle stream keeps proxies from closing it ({@code SWITCHBOARD_API_SMS_HEARTBEAT_SECONDS}, 15)
 * @param retentionSweep  how often messages past their number's retention are deleted ({@code SWITCHBOARD_SMS_RETENTION_SWEEP_SECONDS}, 300)
 * @param eventsKept      how long stream events (and the webhook delivery log) are kept ({@code SWITCHBOARD_SMS_EVENTS_KEEP_HOURS}, 168)
 * @param webhookPoll     how often webhooks are checked for events to deliver ({@code SWITCHBOARD_API_WEBHOOK_POLL_MILLIS}, 1000)
 * @param webhookBackoff  the wait after a webhook's first failure, doubled per failure in a row up to an hour
 *                        ({@code SWITCHBOARD_API_WEBHOOK_BACKOFF_MILLIS}, 5000)
 */
record MessageSettings(String defaultRegion, Duration streamPoll, Duration heartbeat, Duration retentionSweep, Duration eventsKept,
                       Duration webhookPoll, Duration webhookBackoff) {

    MessageSettings {
        defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!defaultRegion.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("SWITCHBOARD_SMS_DEFAULT_REGION=" + defaultRegion + " is not a two-letter country code");
        }
    }

    static MessageSettings from(Environment env) {
        return new MessageSettings(env.string("SWITCHBOARD_SMS_DEFAULT_REGION", "US"),
                Duration.ofMillis(env.integer("SWITCHBOARD_API_SMS_STREAM_POLL_MILLIS", 1000, 50, 60_000)),
                Duration.ofSeconds(env.integer("SWITCHBOARD_API_SMS_HEARTBEAT_SECONDS", 15, 1, 3600)),
                Duration.ofSeconds(env.integer("SWITCHBOARD_SMS_RETENTION_SWEEP_SECONDS", 300, 1, 86_400)),
                Duration.ofHours(env.integer("SWITCHBOARD_SMS_EVENTS_KEEP_HOURS", 168, 1, 100_000)),
                Duration.ofMillis(env.integer("SWITCHBOARD_API_WEBHOOK_POLL_MILLIS", 1000, 50, 60_000)),
                Duration.ofMillis(env.integer("SWITCHBOARD_API_WEBHOOK_BACKOFF_MILLIS", 5000, 10, 3_600_000)));
    }
}
