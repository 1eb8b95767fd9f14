package org.switchboard.xmpp.xep.upload;

import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * Settings of the upload service {@code upload.<domain>}.
 *
 * @param enabled      run the service ({@code SWITCHBOARD_UPLOAD}, true)
 * @param maxFileBytes largest file one slot may be for ({@code SWITCHBOARD_UPLOAD_MAX_FILE_BYTES}, 100 MiB)
 * @param quotaBytes   what one account's files may add up to, slots not yet used included
 *                     ({@code SWITCHBOARD_UPLOAD_QUOTA_MB}, 1024 MiB)
 * @param expiry       a stored file is deleted this long after its upload ({@code SWITCHBOARD_UPLOAD_EXPIRY_DAYS},
 *                     30; 0 keeps files until their account goes); null keeps them
 * @param slotLifetime a slot whose PUT has not started by then is dropped (5 minutes)
 * @param sweepInterval how often expired files, unused slots and files of deleted accounts are removed
 *                     ({@code SWITCHBOARD_UPLOAD_SWEEP_SECONDS}, 300)
 */
public record UploadSettings(boolean enabled, long maxFileBytes, long quotaBytes, Duration expiry, Duration slotLifetime,
                             Duration sweepInterval) {

    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    public static final UploadSettings DEFAULTS = new UploadSettings(true, DEFAULT_MAX_FILE_BYTES, 1024L * 1024 * 1024,
            Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofMinutes(5));

    public UploadSettings {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_UPLOAD_MAX_FILE_BYTES must be positive");
        }
        if (quotaBytes < maxFileBytes) {
            throw new IllegalArgumentException("SWITCHBOARD_UPLOAD_QUOTA_MB (" + quotaBytes + " bytes) must be at least "
                    + "SWITCHBOARD_UPLOAD_MAX_FILE_BYTES (" + maxFileBytes + ")");
        }
        if (expiry != null && (expiry.isNegative() || expiry.isZero())) {
            throw new IllegalArgumentException("the upload expiry must be positive, or null for none");
        }
        if (slotLifetime.isNegative() || slotLifetime.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("upload slot lifetime and sweep interval must be positive");
        }
    }

    public static UploadSettings from(Environment env) {
        int days = env.integer("SWITCHBOARD_UPLOAD_EXPIRY_DAYS", 30, 0, 365_000);
        return new UploadSettings(env.bool("SWITCHBOARD_UPLOAD", true),
                env.integer("SWITCHBOARD_UPLOAD_MAX_FILE_BYTES", (int) DEFAULT_MAX_FILE_BYTES, 1, Integer.MAX_VALUE),
                env.integer("SWITCHBOARD_UPLOAD_QUOTA_MB", 1024, 1, 1024 * 1024) * 1024L * 1024,
                days == 0 ? null : Duration.ofDays(days),
                DEFAULTS.slotLifetime,
                env.seconds("SWITCHBOARD_UPLOAD_SWEEP_SECONDS", DEFAULTS.sweepInterval));
    }

    /** The service's domain for a server domain. */
    public static String serviceDomain(String serverDomain) {
        return "upload." + serverDomain;
    }

    public UploadSettings withEnabled(boolean on) {
        return new UploadSettings(on, maxFileBytes, quotaBytes, expiry, slotLifetime, sweepInterval);
    }

    /** Other limits, for tests. */
    public UploadSettings withLimits(long newMaxFileBytes, long newQuotaBytes) {
        return new UploadSettings(enabled, newMaxFileBytes, newQuotaBytes, expiry, slotLifetime, sweepInterval);
    }

    /** Other times, for tests. */
    public UploadSettings withTimes(Duration newExpiry, Duration newSlotLifetime, Duration newSweep) {
        return new UploadSettings(enabled, maxFileBytes, quotaBytes, newExpiry, newSlotLifetime, newSweep);
    }
}
