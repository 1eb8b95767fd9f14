package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ApiTest;
import org.switchboard.common.sms.outbox.OutboxState;
import org.switchboard.common.sms.outbox.OutboxStore;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/messages/stream} read over real HTTP: events for new messages and for state changes the
 * gateway makes through the outbox store, and resuming with {@code Last-Event-ID}.
 */
class MessageStreamApiTest extends ApiTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    SmsFixture sms;
    OutboxStore outbox;

    @BeforeEach
    void fixture() {
        sms = new SmsFixture(http, db);
        outbox = new OutboxStore(db);
    }

    @Test
    void newMessagesAndStateChangesArriveAndResumingGivesExactlyTheMissedOnes() throws Exception {
        String name = createUser(uniqueName("streamer"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551130001", "US", false);
        String stranger = accessToken(createUser(uniqueName("stranger")));
        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> strangersEvents = events(stranger, null)
                .filter(event -> event.id() != null).take(Duration.ofSeconds(6)).collectList().toFuture();

        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> first = events(token, null)
                .filter(event -> event.id() != null).take(3).collectList().toFuture();
        UUID sent = UUID.fromString((String) http.post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("to", "+15557654321", "body", "on my way"))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id"));
        long row = rowId(sent);
        assertThat(outbox.dispatchNext(host.id(), List.of(), 10).map(d -> d.message().id()).collectList().block()).containsExactly(row);
        UUID received = sms.message(sms.ownerId(name), host.id(), sim, "in", "+15557654321", "received", Duration.ZERO);

        List<ServerSentEvent<Map<String, Object>>> seen = first.get(15, TimeUnit.SECONDS);
        assertThat(seen).extracting(ServerSentEvent::event).containsExactly("message", "state", "message");
        assertThat(seen).extracting(event -> event.data().get("id")).containsExactly(sent.toString(), sent.toString(), received.toString());
        assertThat(seen).extracting(event -> event.data().get("state")).containsExactly("queued", "dispatched", "received");
        assertThat(seen.get(0).data()).containsEntry("direction", "out").containsEntry("body", "on my way")
                .containsEntry("peers", List.of("+15557654321")).containsEntry("number", "+15551130001");

        // disconnected: the phone takes the message and reports it sent, then delivered
        outbox.markAccepted(row).block();
        outbox.report(host.id(), sent, new OutboxStore.PartReport(OutboxState.SENT, 0, 1, null, null, Instant.now())).block();
        outbox.report(host.id(), sent, new OutboxStore.PartReport(OutboxState.DELIVERED, 0, 1, null, null, Instant.now())).block();

        List<ServerSentEvent<Map<String, Object>>> missed = events(token, seen.get(2).id())
                .filter(event -> event.id() != null).take(3).collectList().block(Duration.ofSeconds(15));
        assertThat(missed).extracting(event -> event.data().get("state")).containsExactly("accepted", "sent", "delivered");
        assertThat(missed).extracting(ServerSentEvent::event).containsOnly("state");

        // from the middle: the events after it, none of the earlier ones again
        List<ServerSentEvent<Map<String, Object>>> fromMiddle = events(token, seen.get(0).id())
                .filter(event -> event.id() != null).take(5).collectList().block(Duration.ofSeconds(15));
        assertThat(fromMiddle).extracting(ServerSentEvent::id)
                .containsExactly(seen.get(1).id(), seen.get(2).id(), missed.get(0).id(), missed.get(1).id(), missed.get(2).id());

        assertThat(strangersEvents.get(15, TimeUnit.SECONDS)).isEmpty();
    }

    /**
     * The hazard of a plain serial: a transaction that took its event id first but commits last. Its event
     * must come first and the later one must wait for it, or a client at the later one would never see it.
     */
    @Test
    void anEventCommittedLateIsNotOvertakenByALaterOne() throws Exception {
        String name = createUser(uniqueName("late"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551130002", "US", false);
        long owner = sms.ownerId(name);
        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> stream = events(token, null)
                .filter(event -> event.id() != null).take(2).collectList().toFuture();

        io.r2dbc.spi.Connection slow = reactor.core.publisher.Mono.from(db.getConnectionFactory().create()).block();
        try {
            reactor.core.publisher.Mono.from(slow.beginTransaction()).block();
            UUID early = UUID.randomUUID();
            reactor.core.publisher.Flux.from(slow.createStatement("INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, "
                            + "peers, conversation, body, state, routed_at) VALUES ($1, $2, $3, $4, 'in', ARRAY['+15557654321'], '+15557654321', "
                            + "'first', 'received', now())")
                    .bind("$1", early).bind("$2", owner).bind("$3", host.id()).bind("$4", sim).execute())
                    .flatMap(io.r2dbc.spi.Result::getRowsUpdated).blockLast();
            UUID later = sms.message(owner, host.id(), sim, "in", "+15557654321", "received", Duration.ZERO);
            Thread.sleep(1000);
            assertThat(stream).isNotDone();
            reactor.core.publisher.Mono.from(slow.commitTransaction()).block();

            List<ServerSentEvent<Map<String, Object>>> seen = stream.get(15, TimeUnit.SECONDS);
            assertThat(seen).extracting(event -> event.data().get("id")).containsExactly(early.toString(), later.toString());
        } finally {
            reactor.core.publisher.Mono.from(slow.close()).block();
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        String token = accessToken(createUser(uniqueName("idle")));
        // "stream open" at once, then a heartbeat every 2 s (the tests' setting); counted, not timed, so that a late
        // heartbeat on a loaded machine does not fail it
        List<ServerSentEvent<Map<String, Object>>> comments = events(token, null).take(3)
                .collectList().block(Duration.ofSeconds(15));
        assertThat(comments).extracting(ServerSentEvent::comment).containsExactly("stream open", "heartbeat", "heartbeat");
    }

    @Test
    void aLastEventIdThisServerDidNotWriteIsRefused() {
        String token = accessToken(createUser(uniqueName("resumer")));
        http.get().uri("/api/v1/messages/stream").headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Last-Event-ID", "yesterday");
                }).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("last_event_id");
    }

    private Flux<ServerSentEvent<Map<String, Object>>> events(String token, String lastEventId) {
        return http.get().uri("/api/v1/messages/stream").headers(h -> {
                    h.setBearerAuth(token);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                }).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(EVENT).getResponseBody();
    }

    private long rowId(UUID publicId) {
        return db.sql("SELECT id FROM sms_messages WHERE public_id = :id").bind("id", publicId).map(r -> r.get("id", Long.class)).one().block();
    }
}
