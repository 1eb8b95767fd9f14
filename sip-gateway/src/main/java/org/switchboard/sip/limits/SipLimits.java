package org.switchboard.sip.limits;

import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * The gateway's abuse limits and call record retention, from {@code SWITCHBOARD_SIP_*} (docs/sip.md lists them).
 *
 * @param sourceRequests    requests one source address may send per {@code sourceWindow} before it is banned
 *                          ({@code SWITCHBOARD_SIP_PIKE_REQUESTS}, 100; 0 off). Loopback is not exempt.
 * @param sourceWindow      the window those requests are counted over ({@code SWITCHBOARD_SIP_PIKE_WINDOW_SECONDS}, 5)
 * @param sourceBan         how long a source over the limit is ignored ({@code SWITCHBOARD_SIP_PIKE_BAN_SECONDS}, 300)
 * @param callsPerAccount   calls one account may be in at once, as caller or callee ({@code SWITCHBOARD_SIP_MAX_CALLS}, 4; 0 off)
 * @param pushesPerMinute   VoIP pushes one caller may make the server send to one callee per minute
 *                          ({@code SWITCHBOARD_SIP_PUSHES_PER_MINUTE}, 6; 0 off)
 * @param cdrRetention      call records older than this are deleted ({@code SWITCHBOARD_SIP_CDR_RETENTION_DAYS}, 90)
 * @param maxPending        requests that may wait for the database to authenticate them; more are answered 503 with
 *                          Retry-After ({@code SWITCHBOARD_SIP_MAX_PENDING}, 1000; 0 off; {@link Backlog})
 * @param maxQueueMillis    how long a UDP datagram may wait for one of the stack's threads before new requests (no To
 *                          tag) are answered 503 with Retry-After instead of queued ({@code SWITCHBOARD_SIP_MAX_QUEUE_MS},
 *                          1000; 0 off; ADR 0048)
 */
public record SipLimits(int sourceRequests, Duration sourceWindow, Duration sourceBan, int callsPerAccount, int pushesPerMinute,
                        Duration cdrRetention, int maxPending, int maxQueueMillis) {

    /** An answered call whose BYE the gateway never saw stops counting toward the call cap after this. */
    public static final Duration LONGEST_CALL = Duration.ofHours(12);

    public SipLimits {
        if (sourceRequests < 0 || callsPerAccount < 0 || pushesPerMinute < 0 || maxPending < 0 || maxQueueMillis < 0) {
            throw new IllegalArgumentException("SIP limits cannot be negative");
        }
        if (sourceWindow.isZero() || sourceWindow.isNegative() || sourceBan.isZero() || sourceBan.isNegative()) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_PIKE_WINDOW_SECONDS and _BAN_SECONDS must be at least 1");
        }
    }

    /** Everything off but the retention: the tests that are not about limits, and embedding. */
    public static final SipLimits OFF = new SipLimits(0, Duration.ofSeconds(5), Duration.ofMinutes(5), 0, 0, Duration.ofDays(90), 0, 0);

    public static SipLimits from(Environment env) {
        return new SipLimits(
                env.integer("SWITCHBOARD_SIP_PIKE_REQUESTS", 100, 0, 1_000_000),
                env.seconds("SWITCHBOARD_SIP_PIKE_WINDOW_SECONDS", Duration.ofSeconds(5)),
                env.seconds("SWITCHBOARD_SIP_PIKE_BAN_SECONDS", Duration.ofMinutes(5)),
                env.integer("SWITCHBOARD_SIP_MAX_CALLS", 4, 0, 10_000),
                env.integer("SWITCHBOARD_SIP_PUSHES_PER_MINUTE", 6, 0, 10_000),
                Duration.ofDays(env.integer("SWITCHBOARD_SIP_CDR_RETENTION_DAYS", 90, 1, 36_500)),
                env.integer("SWITCHBOARD_SIP_MAX_PENDING", 1000, 0, 1_000_000),
                env.integer("SWITCHBOARD_SIP_MAX_QUEUE_MS", 1000, 0, 60_000));
    }

    public SipLimits withSource(int requests, Duration window, Duration ban) {
        return new SipLimits(requests, window, ban, callsPerAccount, pushesPerMinute, cdrRetention, maxPending, maxQueueMillis);
    }

    public SipLimits withCallsPerAccount(int calls) {
        return new SipLimits(sourceRequests, sourceWindow, sourceBan, calls, pushesPerMinute, cdrRetention, maxPending, maxQueueMillis);
    }

    public SipLimits withPushesPerMinute(int pushes) {
        return new SipLimits(sourceRequests, sourceWindow, sourceBan, callsPerAccount, pushes, cdrRetention, maxPending, maxQueueMillis);
    }

    public SipLimits withMaxQueueMillis(int millis) {
        return new SipLimits(sourceRequests, sourceWindow, sourceBan, callsPerAccount, pushesPerMinute, cdrRetention, maxPending, millis);
    }

    public SipLimits withMaxPending(int pending) {
        return new SipLimits(sourceRequests, sourceWindow, sourceBan, callsPerAccount, pushesPerMinute, cdrRetention, pending, maxQueueMillis);
    }
}
