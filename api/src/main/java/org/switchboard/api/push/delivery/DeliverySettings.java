package org.switchboard.api.push.delivery;

import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * How pushes are queued and retried.
 *
 * @param showSender    whether a push names the sender or caller ({@code SWITCHBOARD_PUSH_SHOW_SENDER}, true)
 * @param queueCapacity pushes waiting or in flight before new ones are dropped ({@code SWITCHBOARD_PUSH_QUEUE}, 10000)
 * @param maxAttempts   tries of one push through transient failures ({@code SWITCHBOARD_PUSH_ATTEMPTS}, 3)
 * @param backoffBase   the wait before the first retry; doubled each time, with jitter
 *                      ({@code SWITCHBOARD_PUSH_BACKOFF_MILLIS}, 500)
 * @param backoffMax    the longest wait between tries ({@code SWITCHBOARD_PUSH_BACKOFF_MAX_MILLIS}, 30000)
 */
public record DeliverySettings(boolean showSender, int queueCapacity, int maxAttempts, Duration backoffBase, Duration backoffMax) {

    public static DeliverySettings from(Environment env) {
        return new DeliverySettings(env.bool("SWITCHBOARD_PUSH_SHOW_SENDER", true),
                env.integer("SWITCHBOARD_PUSH_QUEUE", 10_000, 1, 10_000_000),
                env.integer("SWITCHBOARD_PUSH_ATTEMPTS", 3, 1, 20),
                Duration.ofMillis(env.integer("SWITCHBOARD_PUSH_BACKOFF_MILLIS", 500, 1, 600_000)),
                Duration.ofMillis(env.integer("SWITCHBOARD_PUSH_BACKOFF_MAX_MILLIS", 30_000, 1, 3_600_000)));
    }
}
