package org.switchboard.xmpp.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.switchboard.xmpp.sms.protocol.Batches;
import org.switchboard.xmpp.sms.protocol.Commands;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Hands queued messages to their host as {@code send} commands (host-protocol.md section 4.1) and follows the
 * answers. FIFO per conversation: a conversation's next message goes out only once the host accepted the one
 * before, so a resent command can never overtake a later one. A host that takes batches (its {@code hello}
 * says how many) gets a pass's messages in one {@code commands} IQ (section 4.4). Commands not answered within the command
 * timeout are sent again with the same id (the host deduplicates); everything not accepted is sent again
 * after the host's next {@code hello}.
 */
final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /**
     * Commands one host may have unanswered at once, bounded for a phone (a command is a text; the host's queue
     * holds a thousand). The window caps a host's rate at this many texts per round trip (commit, command, the
     * host's sync, answer, commit): with 64, one host fell behind for good at 1,000 texts/s as soon as a busy
     * machine made a round trip longer than 64 ms (bench/sms, ADR 0026 amendment).
     */
    static final int MAX_IN_FLIGHT = OutboxStore.MOST_IN_FLIGHT_PER_HOST;
    /** How many command timeouts a late answer is still taken. */
    static final int LATE_ANSWERS = 10;

    /** A message whose command is out and not yet answered. */
    private record InFlight(long messageId, UUID publicId, String conversation) {
    }

    /** A command IQ sent and not yet answered: one {@code send}, or a batch of them (section 4.4). */
    private record Command(String iqId, UUID hostId, List<InFlight> messages, Instant sentAt) {
        Command without(Set<Long> settled) {
            return new Command(iqId, hostId, messages.stream().filter(m -> !settled.contains(m.messageId())).toList(), sentAt);
        }

        Set<Long> messageIds() {
            Set<Long> ids = new HashSet<>();
            messages.forEach(m -> ids.add(m.messageId()));
            return ids;
        }
    }

    private final Gateway gateway;
    private final OutcomeNotices notices;
    private final Clock clock;
    private final Function<Jid, Mono<Void>> sessionLost;
    private final Map<String, Command> byIq = new ConcurrentHashMap<>();
    /**
     * Commands sent again after the timeout whose answer may still come: a host answering late has taken the
     * message all the same, and ignoring that answer left the message 'dispatched' while its host was online
     * (resent every timeout, never accepted). Kept for {@link #LATE_ANSWERS} timeouts.
     */
    private final Map<String, Command> late = new ConcurrentHashMap<>();
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
        for (Command command : byIq.values()) {
            if (command.hostId().equals(hostId)) {
                command.messages().forEach(m -> busy.add(m.conversation()));
                flying += command.messages().size();
            }
        }
        int room = MAX_IN_FLIGHT - flying;
        if (room <= 0) {
            return Mono.empty();
        }
        // one statement takes and marks the next messages: FIFO per conversation, nothing in flight twice
        return gateway.outbox().dispatchNext(hostId, busy, room)
                .collectList()
                .flatMapMany(next -> Flux.fromIterable(commands(next, gateway.online().batch(hostId))))
                .concatMap(batch -> send(online, batch))
                .then();
    }

    /** A message to send and its {@code send} payload. */
    private record Outgoing(OutboxStore.Dispatch dispatch, Element payload) {
    }

    /**
     * The IQs that carry these messages: one each for a host that takes one command per IQ, else batches of
     * its size (section 4.4).
     */
    private static List<List<Outgoing>> commands(List<OutboxStore.Dispatch> next, int batch) {
        List<Outgoing> outgoing = next.stream().map(dispatch -> new Outgoing(dispatch, payload(dispatch))).toList();
        List<List<Outgoing>> iqs = new ArrayList<>();
        int taken = 0;
        for (List<Element> split : Batches.split(outgoing.stream().map(Outgoing::payload).toList(), batch)) {
            iqs.add(outgoing.subList(taken, taken + split.size()));
            taken += split.size();
        }
        return iqs;
    }

    private static Element payload(OutboxStore.Dispatch next) {
        OutboxMessage message = next.message();
        List<String> to = message.conversation().peers().stream().map(SmsAddress::forHost).toList();
        return Commands.send(message.publicId(), next.subscriptionId(), to, message.body(), message.media());
    }

    /** Sends one IQ; a batch of one goes as a plain {@code send}, which every host reads. */
    private Mono<Void> send(OnlineHosts.Online online, List<Outgoing> batch) {
        List<InFlight> messages = batch.stream().map(out -> new InFlight(out.dispatch().message().id(),
                out.dispatch().message().publicId(), out.dispatch().message().conversation().key())).toList();
        Command command = new Command("sms-" + ids.incrementAndGet(), online.hostId(), messages, clock.instant());
        byIq.put(command.iqId(), command);
        Element payload = batch.size() == 1 ? batch.get(0).payload() : Batches.commands(batch.stream().map(Outgoing::payload).toList());
        return gateway.send(Stanza.iq("set", command.iqId(), gateway.jid(), online.session(), payload))
                .doOnError(e -> byIq.remove(command.iqId(), command));
    }

    /**
     * An IQ result or error addressed to the gateway; false when it answers none of our commands. A command
     * stays in flight until its outcome is committed, so no pass sends it again meanwhile.
     */
    Mono<Boolean> answered(Stanza iq) {
        Command command = iq.id() == null ? null : byIq.get(iq.id());
        if (command == null) {
            Command lateCommand = iq.id() == null ? null : late.remove(iq.id());
            if (lateCommand == null) {
                return Mono.just(false);
            }
            if (!"result".equals(iq.type())) {
                return Mono.just(true); // a late refusal: the answer to the command sent since decides
            }
            // the host took the messages after all: the commands sent again since are answered too
            return settled(settle(iq, lateCommand), () -> withoutMessages(byIq, lateCommand.messageIds()), lateCommand.hostId());
        }
        return settled(settle(iq, command), () -> {
            byIq.remove(command.iqId(), command);
            if (!late.isEmpty()) {
                withoutMessages(late, command.messageIds());
            }
        }, command.hostId());
    }

    /** Drops these messages from the commands of {@code commands}, and commands left with none. */
    private static void withoutMessages(Map<String, Command> commands, Set<Long> settled) {
        for (String iqId : commands.keySet()) {
            commands.computeIfPresent(iqId, (key, command) -> {
                Command rest = command.without(settled);
                return rest.messages().isEmpty() ? null : rest;
            });
        }
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

    /**
     * The answer's outcome for each message of the command: a {@code result} accepts all but those a batch's
     * answer names as refused; an error applies to all of them.
     */
    private Mono<Void> settle(Stanza iq, Command command) {
        if ("result".equals(iq.type())) {
            Map<String, Batches.Refusal> refusals = Batches.refusals(iq.iqChild());
            List<Mono<Void>> work = new ArrayList<>();
            for (InFlight message : command.messages()) {
                Batches.Refusal refusal = refusals.get(message.publicId().toString());
                if (refusal == null) {
                    work.add(gateway.outbox().markAccepted(message.messageId()).then());
                } else {
                    work.add(refuse(refusal.condition(), refusal.text() == null ? "" : ": " + refusal.text(), List.of(message),
                            command.hostId(), iq.from()));
                }
            }
            return Mono.when(work);
        }
        return refuse(condition(iq), text(iq), command.messages(), command.hostId(), iq.from());
    }

    private Mono<Void> refuse(StanzaError condition, String text, List<InFlight> messages, UUID hostId, Jid from) {
        return switch (condition) {
            case BAD_REQUEST, ITEM_NOT_FOUND, FEATURE_NOT_IMPLEMENTED, NOT_ACCEPTABLE, POLICY_VIOLATION ->
                    Flux.fromIterable(messages).concatMap(message -> gateway.outbox().fail(message.messageId(), null,
                                    "the host refused it (" + condition.condition() + ")" + text).flatMap(notices::notify))
                            .then();
            case RESOURCE_CONSTRAINT -> {
                // the host's queue is full: leave the message queued and let the host breathe for a timeout
                busyUntil.put(hostId, clock.instant().plus(gateway.settings().commandTimeout()));
                yield Mono.empty();
            }
            // the host is gone (its session ended under us) or in trouble: it gets everything after hello
            default -> from == null ? Mono.empty() : sessionLost.apply(from);
        };
    }

    /** Forgets what was in flight to a host that went away; it is sent again after the next hello. */
    void hostGone(UUID hostId) {
        byIq.values().removeIf(command -> command.hostId().equals(hostId));
        late.values().removeIf(command -> command.hostId().equals(hostId));
        busyUntil.remove(hostId);
    }

    /**
     * Commands unanswered for longer than the timeout no longer hold their conversations, so the next pass
     * sends them again; their answer is still taken if it comes ({@link #late}).
     */
    Set<UUID> expireUnanswered() {
        Instant now = clock.instant();
        Instant limit = now.minus(gateway.settings().commandTimeout());
        Set<UUID> hosts = new HashSet<>();
        for (Command command : byIq.values()) {
            if (command.sentAt().isBefore(limit) && byIq.remove(command.iqId(), command)) {
                late.put(command.iqId(), command);
                hosts.add(command.hostId());
            }
        }
        Instant forgotten = now.minus(gateway.settings().commandTimeout().multipliedBy(LATE_ANSWERS));
        late.values().removeIf(command -> command.sentAt().isBefore(forgotten));
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
