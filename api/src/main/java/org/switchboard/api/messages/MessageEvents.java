package org.switchboard.api.messages;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's stream of SMS events from {@code sms_events} (V23, docs/adr/0021-sms-events.md). An event's
 * position is {@code (tx, id)}: the writing transaction and the row. Only events of transactions older than
 * every transaction still running are read, so no event can later appear before one already handed out; the
 * position is the SSE {@code id}, and {@code Last-Event-ID} resumes right after it.
 */
final class MessageEvents {

    /** Where a stream stands: after the event at {@code (tx, id)}. */
    record Position(long tx, long id) {

        private static final Pattern TEXT = Pattern.compile("([0-9]{1,18})-([0-9]{1,18})");

        /** The SSE id of an event at this position. */
        String text() {
            return tx + "-" + id;
        }

        /** Reads a {@code Last-Event-ID}; null when it is not one this server wrote. */
        static Position parse(String text) {
            Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
            return matcher == null || !matcher.matches() ? null
                    : new Position(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
    }

    /** One event: a new message ({@code message}) or a state change ({@code state}). */
    record Event(Position position, String kind, MessageView message) {

        ServerSentEvent<MessageView> sse() {
            return ServerSentEvent.builder(message).id(position.text()).event(kind).build();
        }
    }

    /** Events read per query; a stream that is further behind reads again at once. */
    static final int BATCH = 500;
    /** The oldest transaction still running: events of it and younger ones may still be joined by older ids. */
    private static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    private final DatabaseClient db;

    MessageEvents(DatabaseClient db) {
        this.db = db;
    }

    /** Where a new stream starts: every event not yet readable is still to come. */
    Mono<Position> now() {
        return db.sql("SELECT " + HORIZON + " AS horizon").map(row -> new Position(row.get("horizon", Long.class) - 1, Long.MAX_VALUE)).one();
    }

    /** The person's readable events after {@code after}, in order, at most {@link #BATCH}. */
    Mono<List<Event>> after(long ownerId, Position after) {
        return db.sql("SELECT e.id AS event_id, e.tx, e.kind, e.state AS event_state, " + MessageView.COLUMNS
                        + " FROM sms_events e JOIN sms_messages m ON m.id = e.message_id LEFT JOIN sms_sims s ON s.id = m.sim_id "
                        + "WHERE e.owner_id = :owner AND (e.tx, e.id) > (:tx, :id) AND e.tx < " + HORIZON
                        + " ORDER BY e.tx, e.id LIMIT " + BATCH)
                .bind("owner", ownerId).bind("tx", after.tx()).bind("id", after.id())
                .map(row -> new Event(new Position(row.get("tx", Long.class), row.get("event_id", Long.class)), row.get("kind", String.class),
                        MessageView.of(row).inState(row.get("event_state", String.class))))
                .all().collectList();
    }

    /**
     * The events after {@code from} as they become readable, checking every {@code poll}, with a comment
     * every {@code heartbeat}. Each poll reads until it is caught up, so none is skipped or repeated.
     */
    Flux<ServerSentEvent<MessageView>> stream(long ownerId, Position from, Duration poll, Duration heartbeat) {
        AtomicReference<Position> cursor = new AtomicReference<>(from);
        Flux<ServerSentEvent<MessageView>> events = Flux.interval(Duration.ZERO, poll)
                .onBackpressureDrop()
                .concatMap(tick -> drain(ownerId, cursor), 1);
        Flux<ServerSentEvent<MessageView>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<MessageView>builder().comment("heartbeat").build());
        // a comment at once: the response starts (and the client knows it is connected) only once the position is fixed
        return Flux.merge(events, heartbeats).startWith(ServerSentEvent.<MessageView>builder().comment("stream open").build());
    }

    private Flux<ServerSentEvent<MessageView>> drain(long ownerId, AtomicReference<Position> cursor) {
        return after(ownerId, cursor.get()).flatMapMany(batch -> {
            if (batch.isEmpty()) {
                return Flux.empty();
            }
            cursor.set(batch.get(batch.size() - 1).position());
            Flux<ServerSentEvent<MessageView>> these = Flux.fromIterable(batch).map(Event::sse);
            return batch.size() < BATCH ? these : these.concatWith(Flux.defer(() -> drain(ownerId, cursor)));
        });
    }

    /** Forgets events older than {@code kept}: a stream resumed from before then misses them. */
    Mono<Long> prune(Duration kept) {
        return db.sql("DELETE FROM sms_events WHERE at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) kept.toSeconds()).fetch().rowsUpdated();
    }
}
