package org.switchboard.common.push;

import java.util.Locale;

/** How one push ended; each is counted in the metrics ({@code switchboard_push_total{outcome=…}}). */
public enum PushOutcome {
    /** The provider accepted it. */
    DELIVERED,
    /** The provider said the token is gone (APNs 410/BadDeviceToken/Unregistered, FCM UNREGISTERED): it was deleted. */
    TOKEN_REMOVED,
    /** The provider refused it for good (e.g. a wrong topic); retrying would not help. The token is kept. */
    REJECTED,
    /** Transient failures (429, 5xx, I/O) all the bounded number of times. */
    GAVE_UP,
    /** The queue was full, so the push was dropped rather than make the caller wait. */
    QUEUE_FULL,
    /** No credentials for this platform are configured. */
    NOT_CONFIGURED;

    public String metricTag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
