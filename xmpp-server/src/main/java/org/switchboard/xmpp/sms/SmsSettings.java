package org.switchboard.xmpp.sms;

import java.time.Duration;
import java.util.Locale;
import org.switchboard.common.config.Environment;

/**
 * Settings of the SMS gateway {@code sms.<domain>}.
 *
 * @param enabled        run the gateway ({@code SWITCHBOARD_SMS_GATEWAY}, true); off when an external component
 *                       serves {@code sms.<domain>} instead
 * @param expiry         a message the host has not accepted within this time expires and its sender gets an
 *                       error ({@code SWITCHBOARD_SMS_EXPIRY_HOURS}, 72)
 * @param offlineNotice  the owner is told when their host has been unreachable this long
 *                       ({@code SWITCHBOARD_SMS_HOST_OFFLINE_NOTICE_MINUTES}, 30)
 * @param defaultRegion  region for numbers typed without a country code when no SIM says its region
 *                       ({@code SWITCHBOARD_SMS_DEFAULT_REGION}, US)
 * @param sweepInterval  how often queued messages of online hosts, expiries, resends and notices are looked at
 *                       ({@code SWITCHBOARD_SMS_SWEEP_SECONDS}, 30)
 * @param commandTimeout a command the host has not answered is sent again after this (60 s, the protocol's)
 * @param wakeInterval   a host that is away while messages wait for it gets a data push at most this often
 *                       ({@code SWITCHBOARD_SMS_HOST_WAKE_SECONDS}, 120): enough to wake a dozing phone soon, rare
 *                       enough for Android's limits on high-priority pushes to an app
 * @param mmsMaxBytes    what the media of one outgoing MMS may add up to ({@code SWITCHBOARD_SMS_MMS_MAX_BYTES},
 *                       1 MiB; carriers refuse larger MMS, many already above 300 KB)
 */
public record SmsSettings(boolean enabled, Duration expiry, Duration offlineNotice, String defaultRegion, Duration sweepInterval,
                          Duration commandTimeout, Duration wakeInterval, long mmsMaxBytes) {

    public static final long DEFAULT_MMS_MAX_BYTES = 1024 * 1024;

    public static final SmsSettings DEFAULTS = new SmsSettings(true, Duration.ofHours(72), Duration.ofMinutes(30), "US",
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), DEFAULT_MMS_MAX_BYTES);

    public SmsSettings {
        defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!defaultRegion.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("SWITCHBOARD_SMS_DEFAULT_REGION=" + defaultRegion + " is not a two-letter country code");
        }
        if (mmsMaxBytes < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_SMS_MMS_MAX_BYTES must be positive");
        }
    }

    public static SmsSettings from(Environment env) {
        return new SmsSettings(env.bool("SWITCHBOARD_SMS_GATEWAY", true),
                Duration.ofHours(env.integer("SWITCHBOARD_SMS_EXPIRY_HOURS", 72, 1, 24 * 365)),
                Duration.ofMinutes(env.integer("SWITCHBOARD_SMS_HOST_OFFLINE_NOTICE_MINUTES", 30, 1, 7 * 24 * 60)),
                env.string("SWITCHBOARD_SMS_DEFAULT_REGION", "US"),
                env.seconds("SWITCHBOARD_SMS_SWEEP_SECONDS", Duration.ofSeconds(30)),
                DEFAULTS.commandTimeout,
                env.seconds("SWITCHBOARD_SMS_HOST_WAKE_SECONDS", DEFAULTS.wakeInterval),
                env.integer("SWITCHBOARD_SMS_MMS_MAX_BYTES", (int) DEFAULT_MMS_MAX_BYTES, 1, 100 * 1024 * 1024));
    }

    /**
     * How long a sweep or a dispatch pass may take before it counts as hung and is abandoned (the next tick or
     * request starts afresh): twice the longer of sweep interval and command timeout, at least 30 s, so a
     * slow database is not mistaken for a hang.
     */
    public Duration workLimit() {
        Duration longer = sweepInterval.compareTo(commandTimeout) > 0 ? sweepInterval : commandTimeout;
        Duration twice = longer.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(30)) > 0 ? twice : Duration.ofSeconds(30);
    }

    /** The gateway's domain for a server domain. */
    public static String gatewayDomain(String serverDomain) {
        return "sms." + serverDomain;
    }

    public SmsSettings withEnabled(boolean on) {
        return new SmsSettings(on, expiry, offlineNotice, defaultRegion, sweepInterval, commandTimeout, wakeInterval, mmsMaxBytes);
    }

    public SmsSettings withRegion(String region) {
        return new SmsSettings(enabled, expiry, offlineNotice, region, sweepInterval, commandTimeout, wakeInterval, mmsMaxBytes);
    }

    public SmsSettings withWakeInterval(Duration interval) {
        return new SmsSettings(enabled, expiry, offlineNotice, defaultRegion, sweepInterval, commandTimeout, interval, mmsMaxBytes);
    }

    /** Shorter times for tests: expiry, offline notice, sweep and resend. */
    public SmsSettings withTimes(Duration newExpiry, Duration newOfflineNotice, Duration newSweep, Duration newCommandTimeout) {
        return new SmsSettings(enabled, newExpiry, newOfflineNotice, defaultRegion, newSweep, newCommandTimeout, wakeInterval, mmsMaxBytes);
    }

    /** Another limit for the media of one MMS, for tests. */
    public SmsSettings withMmsMaxBytes(long bytes) {
        return new SmsSettings(enabled, expiry, offlineNotice, defaultRegion, sweepInterval, commandTimeout, wakeInterval, bytes);
    }
}
