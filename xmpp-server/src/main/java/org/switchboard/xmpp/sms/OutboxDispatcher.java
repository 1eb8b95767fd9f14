package org.switchboard.xmpp.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.sms.outbox.OutboxMessage;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.sms.protocol.Commands;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands queued messages to their host as {@code send} commands (host-protocol.md section 4.1) and follows the
 * answers. FIFO per conversation: a conversation's next message goes out only once the host accepted the one
 * before, so a resent command can never overtake a later one. Commands not answered within the command
 * timeout are sent again with the same id (the host deduplicates); everything not accepted is sent again
 * after the host's next {@code hello}.
 */
final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** Commands one host may have unanswered at once: enough for many conversations, bounded for a phone. */
    static final int MAX_IN_FLIGHT = 20;

    /** A command sent and not yet answered. */
    private record InFlight(String iqId, UUID hostId, long messageId, String conversation, Instant sentAt) {
    }

    private final Gateway gateway;
    private final OutcomeNotices notices;
    private final Clock clock;
    private final Function<Jid, Mono<Void>> sessionLost;
    private final Map<String, InFlight> byIq = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> passes = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> busyUntil = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param sessionLost told when a command bounced because the host's session is gone */
    OutboxDispatcher(Gateway gateway, OutcomeNotices notices, Clock clock, Function<Jid, Mono<Void>> sessionLost) {
        this.gateway = gateway;
        this.notices = notices;
        this.clock = clock;
        this.sessionLost = sessionLost;
    }

    /**
     * Sends what the host may be sent now. Passes for one host never overlap: a call while one runs makes
     * the running pass go once more, so a message committed meanwhile is not missed. The pass runs on its
     * own subscription, so no caller's cancellation can leave the host without passes.
     */
    void dispatch(UUID hostId) {
        AtomicInteger wanted = passes.computeIfAbsent(hostId, id -> new AtomicInteger());
        if (wanted.getAndIncrement() == 0) {
            drain(hostId, wanted, 1).subscribe();
        }
    }

    private Mono<Void> drain(UUID hostId, AtomicInteger wanted, int seen) {
        return pass(hostId)
                .onErrorResume(e -> {
                    log.warn("dispatching to SMS host {} failed; the sweep tries again", hostId, e);
                    return Mono.empty();
                })
                .then(Mono.defer(() -> {
                    int left = wanted.addAndGet(-seen);
                    return left == 0 ? Mono.empty() : drain(hostId, wanted, left);
                }));
    }

    private Mono<Void> pass(UUID hostId) {
        OnlineHosts.Online online = gateway.online().get(hostId).orElse(null);
        Instant busy = busyUntil.get(hostId);
        if (online == null || (busy != null && busy.isAfter(clock.instant()))) {
            return Mono.empty();
        }
        return gateway.outbox().pending(hostId).collectList().flatMap(pending -> {
            List<OutboxMessage> next = choose(hostId, pending);
            return Flux.fromIterable(next).concatMap(message -> send(online, message)).then();
        });
    }

    /** The oldest message of each conversation with nothing in flight, up to the in-flight bound. */
    private List<OutboxMessage> choose(UUID hostId, List<OutboxMessage> pending) {
        Set<Long> flying = new HashSet<>();
        Set<String> blocked = new HashSet<>();
        for (InFlight f : byIq.values()) {
            if (f.hostId().equals(hostId)) {
                flying.add(f.messageId());
                blocked.add(f.conversation());
            }
        }
        int room = MAX_IN_FLIGHT - flying.size();
        List<OutboxMessage> next = new ArrayList<>();
        for (OutboxMessage message : pending) {
            String conversation = message.conversation().key();
            if (flying.contains(message.id()) || !blocked.add(conversation)) {
                continue;
            }
            if (room-- <= 0) {
                break;
            }
            next.add(message);
        }
        return next;
    }

    private Mono<Void> send(OnlineHosts.Online online, OutboxMessage message) {
        Mono<Integer> subscription = message.simId() == null ? Mono.just(-1)
                : gateway.hosts().simById(message.simId()).map(HostStore.Sim::subscriptionId).defaultIfEmpty(-1);
        return subscription.flatMap(sub -> {
            String iqId = "sms-" + ids.incrementAndGet();
            List<String> to = message.conversation().peers().stream().map(SmsAddress::forHost).toList();
            Element payload = Commands.send(message.publicId(), sub < 0 ? null : sub, to, message.body());
            InFlight flight = new InFlight(iqId, online.hostId(), message.id(), message.conversation().key(), clock.instant());
            // registered before routing: a host that is gone bounces the IQ back to us synchronously
            byIq.put(iqId, flight);
            return gateway.outbox().markDispatched(message.id()).flatMap(stillOurs -> {
                if (!stillOurs) {
                    byIq.remove(iqId, flight); // accepted or ended since the pending list was read
                    return Mono.empty();
                }
                return gateway.send(Stanza.iq("set", iqId, gateway.jid(), online.session(), payload));
            });
        });
    }

    /**
     * An IQ result or error addressed to the gateway; false when it answers none of our send commands. The
     * command stays in flight until its outcome is committed, so no pass sends it again meanwhile.
     */
    Mono<Boolean> answered(Stanza iq) {
        InFlight flight = iq.id() == null ? null : byIq.get(iq.id());
        if (flight == null) {
            return Mono.just(false);
        }
        return settle(iq, flight).doFinally(signal -> byIq.remove(flight.iqId(), flight))
                .then(Mono.fromRunnable(() -> dispatch(flight.hostId()))).thenReturn(true);
    }

    private Mono<Void> settle(Stanza iq, InFlight flight) {
        if ("result".equals(iq.type())) {
            return gateway.outbox().markAccepted(flight.messageId()).then();
        }
        StanzaError condition = condition(iq);
        return switch (condition) {
            case BAD_REQUEST, ITEM_NOT_FOUND, FEATURE_NOT_IMPLEMENTED, NOT_ACCEPTABLE, POLICY_VIOLATION ->
                    gateway.outbox().fail(flight.messageId(), null, "the host refused it (" + condition.condition() + ")" + text(iq))
                            .flatMap(notices::notify);
            case RESOURCE_CONSTRAINT -> {
                // the host's queue is full: leave the message queued and let the host breathe for a timeout
                busyUntil.put(flight.hostId(), clock.instant().plus(gateway.settings().commandTimeout()));
                yield Mono.empty();
            }
            default -> {
                // the host is gone (its session ended under us) or in trouble: it gets everything after hello
                Jid from = iq.from();
                yield from == null ? Mono.empty() : sessionLost.apply(from);
            }
        };
    }

    /** Forgets what was in flight to a host that went away; it is sent again after the next hello. */
    void hostGone(UUID hostId) {
        byIq.values().removeIf(flight -> flight.hostId().equals(hostId));
        busyUntil.remove(hostId);
    }

    /** Commands unanswered for longer than the timeout are forgotten, so the next pass sends them again. */
    Set<UUID> expireUnanswered() {
        Instant limit = clock.instant().minus(gateway.settings().commandTimeout());
        Map<String, UUID> late = new HashMap<>();
        byIq.values().stream().filter(f -> f.sentAt().isBefore(limit)).forEach(f -> late.put(f.iqId(), f.hostId()));
        late.keySet().forEach(byIq::remove);
        if (!late.isEmpty()) {
            log.debug("{} SMS commands unanswered for {}; sending them again", late.size(), gateway.settings().commandTimeout());
        }
        return new HashSet<>(late.values());
    }

    private static StanzaError condition(Stanza iq) {
        return iq.element().child("error", Namespaces.CLIENT).flatMap(error -> error.elements().stream()
                        .filter(child -> Namespaces.STANZA_ERRORS.equals(child.namespace())).findFirst())
                .map(child -> StanzaError.fromCondition(child.name()))
                .orElse(StanzaError.UNDEFINED_CONDITION);
    }

    private static String text(Stanza iq) {
        return iq.element().child("error", Namespaces.CLIENT)
                .map(error -> error.childText("text", Namespaces.STANZA_ERRORS))
                .map(text -> ": " + text).orElse("");
    }
}
