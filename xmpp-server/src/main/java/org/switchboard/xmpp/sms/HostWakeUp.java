package org.switchboard.xmpp.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushService;
import reactor.core.publisher.Mono;

/**
 * Wakes an SMS host that is away while messages wait for it (issue 12 item 4): Android lets an app that dozes
 * reach the network again only through a high-priority push, so the host's registered {@code data} tokens
 * get a {@code host-wake} push — which carries nothing but that word — and the host reconnects and takes its
 * queue. At most one per host per {@link SmsSettings#wakeInterval()}, as the outbox and the sweep may ask
 * often; a push backlog never holds up the gateway (the push service answers at once and delivers behind).
 */
final class HostWakeUp {

    private static final Logger log = LoggerFactory.getLogger(HostWakeUp.class);

    private final HostStore hosts;
    private final PushDeviceStore devices;
    private final PushService push;
    private final Duration interval;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<UUID, Instant> lastWoken = new ConcurrentHashMap<>();

    HostWakeUp(HostStore hosts, PushDeviceStore devices, PushService push, Duration interval, Clock clock, MeterRegistry meters) {
        this.hosts = hosts;
        this.devices = devices;
        this.push = push;
        this.interval = interval;
        this.clock = clock;
        this.meters = meters;
    }

    /** Pushes the host's data tokens unless it was woken within the interval; completes once the pushes are handed over. */
    Mono<Void> wake(UUID hostId) {
        Instant now = clock.instant();
        boolean[] due = {false};
        lastWoken.compute(hostId, (id, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(interval));
            return due[0] ? now : last;
        });
        if (!due[0]) {
            return Mono.empty();
        }
        return hosts.accountOf(hostId)
                .flatMapMany(account -> devices.targets(account, PushKind.DATA))
                .doOnNext(target -> push.send(target, PushContent.hostWake()).whenComplete((outcome, e) -> {
                    PushOutcome result = e != null ? PushOutcome.GAVE_UP : outcome;
                    meters.counter("switchboard.sms.host.wakeups", "outcome", result.metricTag()).increment();
                    if (result != PushOutcome.DELIVERED) {
                        log.info("waking SMS host {} through {} ended {}", hostId, target, result.metricTag());
                    }
                }))
                .count()
                .doOnNext(pushed -> {
                    if (pushed == 0) {
                        meters.counter("switchboard.sms.host.wakeups", "outcome", "no_token").increment();
                    }
                })
                .then();
    }

    /** The host came back: the next time it is away, it may be woken at once. */
    void arrived(UUID hostId) {
        lastWoken.remove(hostId);
    }
}
