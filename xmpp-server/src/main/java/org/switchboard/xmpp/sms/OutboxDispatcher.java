package org.switchboard.xmpp.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.sms.outbox.OutboxMessage;
import org.switchboard.common.sms.outbox.OutboxStore;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.sms.protocol.Commands;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Hands queued messages to their host as {@code send} commands (host-protocol.md section 4.1) and follows the
 * answers. FIFO per conversation: a conversation's next message goes out only once the host accepted the one
 * before, so a resent command can never overtake a later one. Commands not answered within the command
 * timeout are sent again with the same id (the host deduplicates); everything not accepted is sent again
 * after the host's next {@code hello}.
 */
final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /**
     * Commands one host may have unanswered at once: enough for many conversations and for the host to accept
     * a burst with one fsync, bounded for a phone (a command is a text; the host's queue holds a thousand).
     */
    static final int MAX_IN_FLIGHT = 64;
    /** How many command timeouts a late answer is still taken. */
    static final int LATE_ANSWERS = 10;

    /** A command sent and not yet answered. */
    private record InFlight(String iqId, UUID hostId, long messageId, String conversation, Instant sentAt) {
    }

    private final Gateway gateway;
    private final OutcomeNotices notices;
    private final Clock clock;
    private final Function<Jid, Mono<Void>> sessionLost;
    private final Map<String, InFlight> byIq = new ConcurrentHashMap<>();
    /**
     * Commands sent again after the timeout whose answer may still come: a host answering late has taken the
     * message all the same, and ignoring that answer left the message 'dispatched' while its host was online
     * (resent every timeout, never accepted). Kept for {@link #LATE_ANSWERS} timeouts.
     */
    private final Map<String, InFlight> late = new ConcurrentHashMap<>();
    private final SerialPasses<UUID> passes;
    private final Map<UUID, Instant> busyUntil = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param sessionLost told when a command bounced because the host's session is gone */
    OutboxDispatcher(Gateway gateway, OutcomeNotices notices, Clock clock, Function<Jid, Mono<Void>> sessionLost, Scheduler timer) {
        this.gateway = gateway;
        this.notices = notices;
        this.clock = clock;
        this.sessionLost = sessionLost;
        this.passes = new SerialPasses<>(this::pass, gateway.settings().workLimit(), timer);
    }

    /**
     * Sends what the host may be sent now. Passes for one host never overlap, a call while one runs makes
     * another run after it, and a pass that fails or hangs frees the host for the next ({@link SerialPasses}).
     */
    void dispatch(UUID hostId) {
        passes.request(hostId);
    }

    private Mono<Void> pass(UUID hostId) {
        OnlineHosts.Online online = gateway.online().get(hostId).orElse(null);
        Instant resting = busyUntil.get(hostId);
        if (online == null || (resting != null && resting.isAfter(clock.instant()))) {
            return Mono.empty();
        }
        Set<String> busy = new HashSet<>();
        int flying = 0;
        for (InFlight flight : byIq.values()) {
            if (flight.hostId().equals(hostId)) {
                busy.add(flight.conversation());
                flying++;
            }
        }
        int room = MAX_IN_FLIGHT - flying;
        if (room <= 0) {
            return Mono.empty();
        }
        // one statement takes and marks the next messages: FIFO per conversation, nothing in flight twice
        return gateway.outbox().dispatchNext(hostId, busy, room)
                .concatMap(next -> send(online, next))
                .then();
    }

    private Mono<Void> send(OnlineHosts.Online online, OutboxStore.Dispatch next) {
        OutboxMessage message = next.message();
        InFlight flight = new InFlight("sms-" + ids.incrementAndGet(), online.hostId(), message.id(), message.conversation().key(),
                clock.instant());
        byIq.put(flight.iqId(), flight);
        List<String> to = message.conversation().peers().stream().map(SmsAddress::forHost).toList();
        Element payload = Commands.send(message.publicId(), next.subscriptionId(), to, message.body(), message.media());
        return gateway.send(Stanza.iq("set", flight.iqId(), gateway.jid(), online.session(), payload))
                .doOnError(e -> byIq.remove(flight.iqId(), flight));
    }

    /**
     * An IQ result or error addressed to the gateway; false when it answers none of our send commands. The
     * command stays in flight until its outcome is committed, so no pass sends it again meanwhile.
     */
    Mono<Boolean> answered(Stanza iq) {
        InFlight flight = iq.id() == null ? null : byIq.get(iq.id());
        if (flight == null) {
            InFlight lateFlight = iq.id() == null ? null : late.remove(iq.id());
            if (lateFlight == null) {
                return Mono.just(false);
            }
            if (!"result".equals(iq.type())) {
                return Mono.just(true); // a late refusal: the answer to the command sent since decides
            }
            // the host took the message after all: the command sent again since is answered too
            return settled(settle(iq, lateFlight), () -> byIq.values().removeIf(f -> f.messageId() == lateFlight.messageId()),
                    lateFlight.hostId());
        }
        return settled(settle(iq, flight), () -> {
            byIq.remove(flight.iqId(), flight);
            if (!late.isEmpty()) {
                late.values().removeIf(f -> f.messageId() == flight.messageId());
            }
        }, flight.hostId());
    }

    /**
     * Once the outcome is committed the command stops holding its conversation and the next pass runs, in
     * that order: a pass that still saw the command in flight would leave the conversation's next message
     * waiting for the sweep. (Also forgotten if the work fails or is abandoned.)
     */
    private Mono<Boolean> settled(Mono<Void> outcome, Runnable forget, UUID hostId) {
        return outcome.doFinally(signal -> forget.run())
                .then(Mono.fromRunnable(() -> {
                    forget.run();
                    dispatch(hostId);
                }))
                .thenReturn(true);
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
        late.values().removeIf(flight -> flight.hostId().equals(hostId));
        busyUntil.remove(hostId);
    }

    /**
     * Commands unanswered for longer than the timeout no longer hold their conversation, so the next pass
     * sends them again; their answer is still taken if it comes ({@link #late}).
     */
    Set<UUID> expireUnanswered() {
        Instant now = clock.instant();
        Instant limit = now.minus(gateway.settings().commandTimeout());
        Set<UUID> hosts = new HashSet<>();
        for (InFlight flight : byIq.values()) {
            if (flight.sentAt().isBefore(limit) && byIq.remove(flight.iqId(), flight)) {
                late.put(flight.iqId(), flight);
                hosts.add(flight.hostId());
            }
        }
        Instant forgotten = now.minus(gateway.settings().commandTimeout().multipliedBy(LATE_ANSWERS));
        late.values().removeIf(flight -> flight.sentAt().isBefore(forgotten));
        if (!hosts.isEmpty()) {
            log.debug("SMS commands to {} host(s) unanswered for {}; sending them again", hosts.size(), gateway.settings().commandTimeout());
        }
        return hosts;
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
