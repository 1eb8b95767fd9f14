package org.switchboard.api.messages;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.NoSendingSimException;
import org.switchboard.common.sms.outbox.OutboxMessage;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SimRef;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's SMS: send, history, and a resumable event stream. Every lookup is by owner, so another person's
 * message or number is one that does not exist; host accounts get 403 ({@link Person}); admins see only their own.
 */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "messages", description = "SMS sent and received through the caller's hosts")
class MessagesController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The longest {@value #IDEMPOTENCY_KEY} taken: room for a UUID or a client's own composite key. */
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final SmsSubmitter submitter;
    private final SendingSims sims;
    private final MessageHistory history;
    private final MessageEvents events;
    private final MessageSettings settings;

    MessagesController(SmsSubmitter submitter, SendingSims sims, MessageHistory history, MessageEvents events, MessageSettings settings) {
        this.submitter = submitter;
        this.sims = sims;
        this.history = history;
        this.events = events;
        this.settings = settings;
    }

    /**
     * @param to     the recipient as typed (E.164, national in the SIM's region, or a short code); several
     *               separated by commas make a group text
     * @param number the SIM to send from: its id from {@code GET /api/v1/numbers} or its E.164 number; absent,
     *               the gateway chooses (docs/sms.md "The sending SIM")
     */
    record SendRequest(String to, String body, String number) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Queue an SMS (a group text with several comma-separated recipients); 202 once it is committed to the outbox. "
            + "Sent again with the same Idempotency-Key on the same or the next day (UTC), the answer is the first message's "
            + "(in its state of now), not a second text")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ResponseEntity<MessageView.Queued>> send(Person person, @RequestBody SendRequest request,
                                                  @Parameter(description = "the client's own name for this message, 1 to 255 visible ASCII "
                                                          + "characters (a UUID, say): a retry with it on the same or the next day (UTC) "
                                                          + "is the same message; with another body or recipients it is refused 422")
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        String body = request.body();
        if (body == null || body.isEmpty()) {
            throw invalid("body", "is required");
        }
        if (body.length() > SmsSubmitter.MAX_BODY_CHARS) {
            throw invalid("body", "has " + body.length() + " characters; at most " + SmsSubmitter.MAX_BODY_CHARS);
        }
        List<String> typed = recipients(request.to());
        Mono<Optional<SimRef>> chosen = request.number() == null ? Mono.just(Optional.empty()) : ownSim(person, request.number()).map(Optional::of);
        return chosen.flatMap(sim -> region(person, sim.orElse(null)).flatMap(region -> {
                    Conversation to = conversation(typed, region);
                    SmsSubmitter.Submission submission = SmsSubmitter.Submission.fromApi(person.id(), to, body, null, idempotencyKey);
                    return (sim.isPresent() ? submitter.submitFrom(sim.get(), submission) : submitter.submit(submission))
                            .doOnNext(queued -> sameMessageOrRefuse(idempotencyKey, queued, to, body));
                }))
                .onErrorMap(NoSendingSimException.class, e -> new ApiException(ApiProblem.NO_SMS_HOST,
                        "no SMS host is paired with your account: add one with POST /api/v1/hosts and pair your phone"))
                .map(message -> ResponseEntity.accepted().location(URI.create("/api/v1/messages/" + message.publicId()))
                        .body(new MessageView.Queued(message.publicId(), message.state().dbValue(), message.createdAt())));
    }

    @GetMapping
    @Operation(summary = "The caller's messages, newest first (with 'after': oldest first), filtered and paged by message id")
    Mono<MessageView.Page> list(Person person,
                                @Parameter(description = "a number id from GET /api/v1/numbers, or the number itself (E.164)") @RequestParam(required = false) String number,
                                @Parameter(description = "only conversations with this number (E.164 or as typed)") @RequestParam(required = false) String peer,
                                @Parameter(description = "RFC 3339; messages created at or after it") @RequestParam(required = false) String since,
                                @Parameter(description = "RFC 3339; messages created before it") @RequestParam(required = false) String until,
                                @Parameter(description = "in or out") @RequestParam(required = false) String direction,
                                @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) String limit,
                                @Parameter(description = "a message id: the messages before it, newest first") @RequestParam(required = false) String before,
                                @Parameter(description = "a message id: the messages after it, oldest first") @RequestParam(required = false) String after) {
        if (before != null && after != null) {
            throw invalid("before", "cannot be combined with after");
        }
        if (direction != null && !direction.equals("in") && !direction.equals("out")) {
            throw invalid("direction", "must be in or out");
        }
        int size = limit(limit);
        Instant from = time("since", since);
        Instant to = time("until", until);
        UUID beforeId = cursor("before", before);
        UUID afterId = cursor("after", after);
        Mono<Optional<List<Long>>> simIds = number == null ? Mono.just(Optional.empty()) : numberFilter(person, number).map(Optional::of);
        Mono<String> peerFilter = peer == null ? Mono.just("") : region(person, null).map(region -> {
            try {
                return SmsAddress.normalise(peer, region).value();
            } catch (InvalidSmsAddressException e) {
                throw invalid("peer", e.getMessage());
            }
        });
        Mono<Boolean> cursorKnown = beforeId != null || afterId != null
                ? history.exists(person.id(), beforeId != null ? beforeId : afterId) : Mono.just(true);
        return cursorKnown.flatMap(known -> {
            if (!known) {
                throw invalid(beforeId != null ? "before" : "after", "is not the id of one of your messages");
            }
            return peerFilter;
        }).flatMap(peerValue -> simIds
                .flatMap(sims -> history.list(new MessageHistory.Query(person.id(), sims.orElse(null), peerValue.isEmpty() ? null : peerValue,
                        from, to, direction, beforeId, afterId, size))));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's messages with the time of each state")
    Mono<MessageView> get(Person person, @PathVariable String id) {
        UUID messageId;
        try {
            messageId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return history.find(person.id(), messageId).switchIfEmpty(Mono.error(MessagesController::notFound));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events of the caller's new messages (event 'message') and state changes (event 'state'); "
            + "reconnect with Last-Event-ID to get every event after it, once")
    Flux<ServerSentEvent<MessageView>> stream(Person person,
                                              @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                              @Parameter(description = "the same as the Last-Event-ID header, for clients that cannot set it")
                                              @RequestParam(name = "last_event_id", required = false) String lastEventParam) {
        String resume = lastEventId != null ? lastEventId : lastEventParam;
        Mono<MessageEvents.Position> from;
        if (resume == null || resume.isBlank()) {
            from = events.now();
        } else {
            MessageEvents.Position position = MessageEvents.Position.parse(resume);
            if (position == null) {
                throw invalid("last_event_id", "is not an event id of this stream");
            }
            from = Mono.just(position);
        }
        return from.flatMapMany(position -> events.stream(person.id(), position, settings.streamPoll(), settings.heartbeat()));
    }

    /** The SIM the person named, or 422: another person's number is one they do not have. */
    private Mono<SimRef> ownSim(Person person, String number) {
        String value = number.strip();
        Mono<SimRef> sim;
        if (value.matches("[0-9]{1,18}")) {
            sim = sims.byId(person.id(), Long.parseLong(value));
        } else if (value.startsWith("+")) {
            sim = sims.byNumber(person.id(), e164("number", value));
        } else {
            throw invalid("number", "must be a number id from GET /api/v1/numbers or an E.164 number such as +15551234567");
        }
        return sim.switchIfEmpty(Mono.error(() -> new ApiException(ApiProblem.UNKNOWN_REFERENCE,
                "number: you have no number " + value + " in a paired phone", null,
                Map.of("errors", List.of(Map.of("field", "number", "message", "is not one of your numbers"))))));
    }

    private Mono<List<Long>> numberFilter(Person person, String number) {
        String value = number.strip();
        if (value.matches("[0-9]{1,18}")) {
            return history.simIds(person.id(), Long.parseLong(value), null).collectList();
        }
        if (value.startsWith("+")) {
            return history.simIds(person.id(), null, e164("number", value)).collectList();
        }
        throw invalid("number", "must be a number id from GET /api/v1/numbers or an E.164 number");
    }

    /** The region numbers without a country code are read in: the sending SIM's, else the person's best SIM's, else the server's. */
    private Mono<String> region(Person person, SimRef sim) {
        if (sim != null && sim.region() != null) {
            return Mono.just(sim.region());
        }
        return sims.defaultSim(person.id()).mapNotNull(SimRef::region).defaultIfEmpty(settings.defaultRegion());
    }

    private static List<String> recipients(String to) {
        if (to == null || to.isBlank()) {
            throw invalid("to", "is required");
        }
        List<String> typed = new ArrayList<>();
        for (String part : to.split(",", -1)) {
            if (part.isBlank()) {
                throw invalid("to", "has an empty recipient between commas");
            }
            typed.add(part.strip());
        }
        if (typed.size() > Conversation.MAX_RECIPIENTS) {
            throw invalid("to", "has " + typed.size() + " recipients; at most " + Conversation.MAX_RECIPIENTS);
        }
        return typed;
    }

    private static Conversation conversation(List<String> typed, String region) {
        try {
            return new Conversation(typed.stream().map(each -> SmsAddress.normalise(each, region)).toList());
        } catch (InvalidSmsAddressException e) {
            throw invalid("to", e.getMessage());
        }
    }

    private static String e164(String field, String value) {
        try {
            SmsAddress address = SmsAddress.normalise(value, null);
            if (address.isShortCode()) {
                throw invalid(field, "must be an E.164 number");
            }
            return address.value();
        } catch (InvalidSmsAddressException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static UUID cursor(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be a message id");
        }
    }

    /** The {@value #IDEMPOTENCY_KEY} header, when given: 1 to 255 visible ASCII characters, else a 400 naming it. */
    private static void checkIdempotencyKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw invalid(IDEMPOTENCY_KEY, "has " + key.length() + " characters; 1 to " + MAX_IDEMPOTENCY_KEY + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw invalid(IDEMPOTENCY_KEY, "may hold only visible ASCII characters; character " + (i + 1) + " is not one");
            }
        }
    }

    /**
     * A key names one message: the row it found must be the one asked for now. Another body or other recipients
     * under a key already used are a client's mistake, refused rather than answered with a message it did not mean.
     */
    private static void sameMessageOrRefuse(String key, OutboxMessage queued, Conversation to, String body) {
        if (key != null && (!queued.body().equals(body) || !queued.conversation().key().equals(to.key()))) {
            throw new ApiException(ApiProblem.IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY + " '" + key + "' was used for message "
                    + queued.publicId() + ", which has another body or other recipients");
        }
    }

    /** A 400 naming the field, in the shape of the validation errors of other endpoints. */
    static ApiException invalid(String field, String message) {
        return new ApiException(ApiProblem.INVALID_INPUT, field + " " + message, null,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static ApiException notFound() {
        return new ApiException(ApiProblem.NOT_FOUND, "you have no message with this id");
    }
}
