package org.switchboard.api.push.delivery;

import java.time.Duration;

/**
 * What a provider answered to one attempt.
 *
 * @param detail     what the provider said, for logs and admins (status and reason; never the payload)
 * @param retryAfter how long the provider asked to wait (FCM's Retry-After), or null
 */
public record ProviderResult(Kind kind, String detail, Duration retryAfter) {

    public enum Kind {
        /** Accepted. */
        SUCCESS,
        /** The token is gone for good: delete it. */
        GONE,
        /** Refused for a reason a retry cannot fix. */
        PERMANENT,
        /** Worth trying again: 429, 5xx, I/O. */
        TRANSIENT
    }

    public static ProviderResult success() {
        return new ProviderResult(Kind.SUCCESS, "accepted", null);
    }

    public static ProviderResult gone(String detail) {
        return new ProviderResult(Kind.GONE, detail, null);
    }

    public static ProviderResult permanent(String detail) {
        return new ProviderResult(Kind.PERMANENT, detail, null);
    }

    public static ProviderResult transientFailure(String detail, Duration retryAfter) {
        return new ProviderResult(Kind.TRANSIENT, detail, retryAfter);
    }
}
