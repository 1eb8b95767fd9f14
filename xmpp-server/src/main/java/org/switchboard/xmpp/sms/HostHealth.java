package org.switchboard.xmpp.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The owner hears from {@code sms.<domain>} when their host has been unreachable longer than the notice
 * time, and again when it is back. Absences are in memory: after a restart every host that had been seen
 * counts as away from the start, until its hello. Also the gauges of queued, dispatched and failed messages per host.
 */
final class HostHealth {

    private static final class Absence {
        final HostStore.Host host;
        final Instant since;
        volatile boolean told;

        Absence(HostStore.Host host, Instant since) {
            this.host = host;
            this.since = since;
        }
    }

    private final Gateway gateway;
    private final Clock clock;
    private final Map<UUID, Absence> away = new ConcurrentHashMap<>();
    private final MultiGauge outbox;

    HostHealth(Gateway gateway, Clock clock, MeterRegistry meters) {
        this.gateway = gateway;
        this.clock = clock;
        this.outbox = MultiGauge.builder("switchboard.sms.outbox")
                .description("outgoing SMS per host: queued (host away or busy), dispatched (sent to the host, not yet accepted) and failed")
                .register(meters);
    }

    /** At start: every host seen before is away until it says hello. */
    Mono<Void> start() {
        return gateway.hosts().seenHosts().doOnNext(host -> away.putIfAbsent(host.id(), new Absence(host, clock.instant()))).then();
    }

    void left(HostStore.Host host) {
        away.putIfAbsent(host.id(), new Absence(host, clock.instant()));
    }

    /** The host is back; its owner hears so if they were told it was away. */
    Mono<Void> back(HostStore.Host host) {
        Absence absence = away.remove(host.id());
        if (absence == null || !absence.told) {
            return Mono.empty();
        }
        return gateway.send(notice(host, "Your SMS host \u201c" + host.name() + "\u201d is reachable again; queued messages are being sent."));
    }

    /** Tells owners of hosts away for longer than the notice time, once per absence. */
    Mono<Void> sweep() {
        Instant limit = clock.instant().minus(gateway.settings().offlineNotice());
        return Flux.fromIterable(away.values())
                .filter(absence -> !absence.told && absence.since.isBefore(limit))
                .concatMap(absence -> {
                    absence.told = true;
                    return gateway.send(notice(absence.host, "Your SMS host \u201c" + absence.host.name() + "\u201d has been unreachable since "
                            + absence.since + ". Messages you send are queued until it is back."));
                })
                .then();
    }

    Mono<Void> refreshGauges() {
        return gateway.outbox().counts().collectList().doOnNext(counts -> outbox.register(counts.stream()
                .map(count -> MultiGauge.Row.of(Tags.of("host", count.hostId().toString(), "state", count.state().dbValue()), count.count()))
                .toList(), true)).then();
    }

    private Stanza notice(HostStore.Host host, String text) {
        return new Stanza(Element.builder("message", Namespaces.CLIENT)
                .attribute("type", "chat")
                .attribute("id", "host-" + host.id() + "-" + clock.millis())
                .attribute("from", gateway.jid().toString())
                .attribute("to", gateway.ownerJid(host.ownerLocalpart()).toString())
                .child(Element.builder("body", Namespaces.CLIENT).text(text).build())
                .build());
    }
}
