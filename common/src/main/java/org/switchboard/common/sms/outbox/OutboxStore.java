package org.switchboard.common.sms.outbox;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.GroupCommit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Outgoing SMS in {@code sms_messages} (V20). Every method completes after its change is committed; states
 * move as {@link OutboxState} allows, whoever (gateway, sweep, a second process) gets there first.
 */
public final class OutboxStore {

    static final String COLUMNS = "id, public_id, owner_id, host_id, sim_id, peers, body, state, parts, failure_code, "
            + "failure_reason, xmpp_id, xmpp_sender, receipt_wanted, created_at, media";
    /**
     * An outgoing message still waiting for its host to accept it ({@code queued} or {@code dispatched}), said
     * with the times that end the wait: the outbox index is partial on them, not on {@code state}, so that the
     * other state changes are heap-only updates (V49, whose CHECK keeps the two the same).
     */
    static final String WAITING =
            "direction = 'out' AND accepted_at IS NULL AND failed_at IS NULL AND expired_at IS NULL";

    /**
     * A message to queue: who sends it, from which SIM, to whom, and where its receipt goes. A null {@code sim}
     * is chosen as {@code sms_best_sim} (V55) says, in the statement that queues the message; when the person
     * has no host at all, {@link #enqueue} completes empty. {@code idempotencyKey} is the REST API client's own
     * name for the message, or null ({@link OutboxIds}).
     */
    public record NewMessage(long ownerId, SimRef sim, Conversation to, String body, String xmppId, String xmppSender,
                             boolean receiptWanted, List<MmsMedia> media, String idempotencyKey) {
        public NewMessage {
            media = media == null ? List.of() : List.copyOf(media);
        }

        /** A message without an idempotency key. */
        public NewMessage(long ownerId, SimRef sim, Conversation to, String body, String xmppId, String xmppSender,
                          boolean receiptWanted, List<MmsMedia> media) {
            this(ownerId, sim, to, body, xmppId, xmppSender, receiptWanted, media, null);
        }
    }

    /** What a host reports about one part of a message (host-protocol.md section 5.1). */
    public record PartReport(OutboxState state, int part, int parts, Integer code, String reason, Instant at) {
    }

    /** The message after a report, and its state before, so the caller knows whether it just became final. */
    public record ReportOutcome(OutboxMessage message, OutboxState before) {
        public boolean becameFinal() {
            return !before.isFinal() && message.state().isFinal();
        }
    }

    /** Queued, dispatched and failed messages of one host, for the gauges. */
    public record HostCount(UUID hostId, OutboxState state, long count) {
    }

    /**
     * The most commands the gateway has unanswered at one host (its dispatcher's window, ADR 0026 amendment); a
     * dispatch pass reads a multiple of it first ({@link DispatchBatch#OLDEST}).
     */
    public static final int MOST_IN_FLIGHT_PER_HOST = 256;

    /** The most writes one group commit takes; more wait for the next (a host has up to 512 reports unanswered). */
    private static final int MAX_BATCH = 256;

    private final DatabaseClient db;
    private final GroupCommit<OutcomeBatch.Outcome, Object> outcomes;
    private final GroupCommit<NewMessage, OutboxMessage> queueing;
    private final GroupCommit<DispatchBatch.Request, List<Dispatch>> dispatches;
    private final Clock clock;

    public OutboxStore(DatabaseClient db) {
        this(db, Clock.systemUTC());
    }

    /** @param clock the day a resend is known by ({@link OutboxIds}): another one in tests */
    public OutboxStore(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // acceptances, reports and notified marks in one call (V62); one batch at a time: a message's reports often
        // come in two batches ("sent", then "delivered"), and a second batch running beside the first waited on its
        // row locks (bench/sms, ten hosts: p99 2.0 s, most of PostgreSQL's waiting in row locks; one at a time, p99
        // 1.3 s; docs/sms-benchmark.md)
        this.outcomes = new GroupCommit<>("SMS outcomes", new OutcomeBatch(db)::apply, MAX_BATCH, 1);
        // one batch at a time: the order messages are queued in is the order they are sent in (FIFO)
        this.queueing = new GroupCommit<>("SMS queueing", this::enqueueAll, MAX_BATCH, 1);
        // one batch at a time: a host's passes never overlap (the dispatcher's), and the hosts' passes arriving
        // together share one statement
        this.dispatches = new GroupCommit<>("SMS dispatch passes", new DispatchBatch(db)::apply, MAX_BATCH, 1);
    }

    /**
     * Inserts the message as {@code queued}; completes with the committed row. Messages arriving while a batch
     * commits go together in the next one, batches one at a time, so they are queued (and get their ids, which
     * order each conversation) in the order they came; a person's stream may read its next message as soon as
     * this one is in line ({@link GroupCommit#submitAsTail}, ADR 0025). A client's resend of a message queued
     * today or the day before ({@link OutboxIds}) is not queued again: it completes with the row queued first, in
     * its state of now.
     */
    public Mono<OutboxMessage> enqueue(NewMessage message) {
        return queueing.submitAsTail(message);
    }

    private Mono<List<Optional<OutboxMessage>>> enqueueAll(List<NewMessage> messages) {
        int n = messages.size();
        UUID[] publicIds = new UUID[n];
        Long[] owners = new Long[n];
        UUID[] hosts = new UUID[n];
        Long[] sims = new Long[n];
        String[] peers = new String[n];
        String[] conversations = new String[n];
        String[] bodies = new String[n];
        String[] xmppIds = new String[n];
        String[] senders = new String[n];
        Boolean[] receipts = new Boolean[n];
        String[] media = new String[n];
        UUID[] previousDayIds = new UUID[n];
        Instant now = clock.instant();
        for (int i = 0; i < n; i++) {
            NewMessage message = messages.get(i);
            publicIds[i] = OutboxIds.publicId(message, now);
            previousDayIds[i] = OutboxIds.previousDayId(message, now);
            owners[i] = message.ownerId();
            hosts[i] = message.sim() == null ? null : message.sim().hostId();
            sims[i] = message.sim() == null ? null : message.sim().simId();
            // addresses never hold a comma (it separates a group's members in the conversation key too)
            peers[i] = String.join(",", message.to().values());
            conversations[i] = message.to().key();
            bodies[i] = message.body();
            xmppIds[i] = message.xmppId();
            senders[i] = message.xmppSender();
            receipts[i] = message.receiptWanted();
            media[i] = MmsMedia.toJson(message.media());
        }
        return db.sql("SELECT " + COLUMNS + " FROM sms_enqueue(:public_ids::uuid[], :owners::bigint[], :hosts::uuid[], "
                        + ":sims::bigint[], :peers::text[], :conversations::text[], :bodies::text[], :xmpp_ids::text[], "
                        + ":senders::text[], :receipts::boolean[], :media::text[], :previous_day_ids::uuid[])")
                .bind("public_ids", publicIds).bind("owners", owners).bind("hosts", hosts).bind("sims", sims)
                .bind("peers", peers).bind("conversations", conversations).bind("bodies", bodies).bind("xmpp_ids", xmppIds)
                .bind("senders", senders).bind("receipts", receipts).bind("media", media).bind("previous_day_ids", previousDayIds)
                .map(OutboxStore::message).all()
                .collectMap(OutboxMessage::publicId)
                .map(queued -> {
                    // a message's row: under its id of today, else (a resend over midnight) under the day before's
                    List<Optional<OutboxMessage>> results = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        UUID dayBefore = previousDayIds[i];
                        results.add(Optional.ofNullable(queued.get(publicIds[i]))
                                .or(() -> Optional.ofNullable(dayBefore == null ? null : queued.get(dayBefore))));
                    }
                    return results;
                });
    }

    /** A message a dispatch pass hands to its host, with the subscription id of its SIM (null: the host's default). */
    public record Dispatch(OutboxMessage message, Integer subscriptionId) {
    }

    /**
     * Takes the host's next messages to send and marks them {@code dispatched}, in one statement shared with the
     * other hosts' passes that arrive meanwhile ({@link DispatchBatch}): the oldest
     * message not yet accepted of each conversation except the {@code busy} ones (whose previous message is
     * still with the host: FIFO per conversation), oldest first, at most {@code room}. Only each
     * conversation's oldest is read, so a pass after each answer does not read a long queue again and again;
     * and a message the host accepted or that ended meanwhile is never taken, so a stale view never sends twice.
     */
    public Flux<Dispatch> dispatchNext(UUID hostId, Collection<String> busy, int room) {
        return dispatches.submit(new DispatchBatch.Request(hostId, List.copyOf(busy), room)).flatMapIterable(taken -> taken);
    }

    /** Hosts with messages waiting, for the periodic sweep. */
    public Flux<UUID> hostsWithPending() {
        return db.sql("SELECT DISTINCT host_id FROM sms_messages WHERE " + WAITING + " AND host_id IS NOT NULL")
                .map(row -> row.get("host_id", UUID.class)).all();
    }

    /**
     * The host answered {@code result} to the command: it holds the message now. Empty if it already moved on.
     * Acceptances arriving together are committed together, with the reports and marks that arrive with them
     * ({@link OutcomeBatch}).
     */
    public Mono<OutboxMessage> markAccepted(long id) {
        return outcomes.submit(new OutcomeBatch.Acceptance(id)).cast(OutboxMessage.class);
    }

    /** Ends the message as failed unless it already ended; empty when it had. */
    public Mono<OutboxMessage> fail(long id, Integer code, String reason) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE sms_messages SET state = 'failed', failed_at = now(), "
                        + "failure_code = :code, failure_reason = :reason WHERE id = :id "
                        + "AND state NOT IN ('delivered', 'failed', 'expired') RETURNING " + COLUMNS)
                .bind("id", id);
        spec = Binds.orNull(spec, "code", code, Integer.class);
        spec = Binds.orNull(spec, "reason", reason, String.class);
        return spec.map(OutboxStore::message).one();
    }

    /** Expires messages the host has not accepted within {@code expiry}; returns those it expired. */
    public Flux<OutboxMessage> expire(Duration expiry) {
        return db.sql("UPDATE sms_messages SET state = 'expired', expired_at = now() WHERE " + WAITING
                        + " AND created_at < now() - make_interval(secs => :seconds) RETURNING " + COLUMNS)
                .bind("seconds", (double) expiry.toMillis() / 1000)
                .map(OutboxStore::message).all();
    }

    /**
     * Applies a part report; the message's row is locked, so concurrent reports of one message do not lose
     * each other, and reports arriving together share one statement ({@link OutcomeBatch}). Empty when no
     * outgoing message of this host has the id.
     */
    public Mono<ReportOutcome> report(UUID hostId, UUID publicId, PartReport report) {
        return outcomes.submit(new OutcomeBatch.HostReport(hostId, publicId, report)).cast(ReportOutcome.class);
    }

    /**
     * Messages that ended before {@code before} but whose sender was not told (the server stopped in
     * between). Those ending later are being told by whoever ended them; asking only for older ones keeps
     * the catch-up from telling twice.
     */
    public Flux<OutboxMessage> unnotified(Instant before) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_messages WHERE direction = 'out' "
                        + "AND state IN ('delivered', 'failed', 'expired') AND notified_at IS NULL "
                        + "AND COALESCE(delivered_at, failed_at, expired_at) < :before ORDER BY id")
                .bind("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .map(OutboxStore::message).all();
    }

    /** The database's clock: comparisons with its {@code now()} timestamps must not depend on this host's. */
    public Mono<Instant> databaseNow() {
        return db.sql("SELECT now() AS now").map(row -> row.get("now", OffsetDateTime.class).toInstant()).one();
    }

    /**
     * The sender was told how the message ended; marks arriving together share a commit, with the acceptances and
     * reports that arrive with them ({@link OutcomeBatch}; sms_mark_notified, V56).
     */
    public Mono<Void> markNotified(long id) {
        return outcomes.submit(new OutcomeBatch.Notified(id)).then();
    }

    /** A person's outgoing message by the id of the XMPP message it came from, or by its public id. */
    public Mono<OutboxMessage> find(long ownerId, String id) {
        UUID publicId = null;
        try {
            publicId = UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            // an XMPP id is whatever the client chose
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM sms_messages WHERE owner_id = :owner "
                        + "AND direction = 'out' AND (xmpp_id = :id OR public_id = :pid) ORDER BY id DESC LIMIT 1")
                .bind("owner", ownerId).bind("id", id);
        return Binds.orNull(spec, "pid", publicId, UUID.class).map(OutboxStore::message).one();
    }

    /** The timestamps of each state of a message, for people asking about it. */
    public Mono<List<String>> history(long messageId) {
        return db.sql("SELECT created_at, dispatched_at, accepted_at, sent_at, delivered_at, failed_at, expired_at "
                        + "FROM sms_messages WHERE id = :id")
                .bind("id", messageId)
                .map(row -> {
                    List<String> lines = new ArrayList<>();
                    for (String column : List.of("created_at", "dispatched_at", "accepted_at", "sent_at", "delivered_at",
                            "failed_at", "expired_at")) {
                        OffsetDateTime at = row.get(column, OffsetDateTime.class);
                        if (at != null) {
                            String state = column.equals("created_at") ? "queued" : column.substring(0, column.length() - 3);
                            lines.add(state + " " + at.toInstant());
                        }
                    }
                    return lines;
                }).one();
    }

    /**
     * Queued, dispatched and failed outgoing messages per host. Dispatched ones are counted too: a message
     * that stays dispatched while its host is online is stuck, and operators should be able to see it.
     */
    public Flux<HostCount> counts() {
        return db.sql("SELECT host_id, state, count(*) AS n FROM sms_messages WHERE direction = 'out' AND host_id IS NOT NULL "
                        + "AND state IN ('queued', 'dispatched', 'failed') GROUP BY host_id, state")
                .map(row -> new HostCount(row.get("host_id", UUID.class), OutboxState.fromDb(row.get("state", String.class)),
                        row.get("n", Long.class)))
                .all();
    }

    /** The RETURNING columns of {@code sms_messages m} (a joined table shares some names). */
    static String prefixed() {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS.split(",\\s*")) {
            columns.add("m." + column);
        }
        return String.join(", ", columns);
    }

    static OutboxMessage message(Readable row) {
        String[] peers = row.get("peers", String[].class);
        OffsetDateTime created = row.get("created_at", OffsetDateTime.class);
        return new OutboxMessage(row.get("id", Long.class), row.get("public_id", UUID.class), row.get("owner_id", Long.class),
                row.get("host_id", UUID.class), row.get("sim_id", Long.class),
                new Conversation(Arrays.stream(peers).map(SmsAddress::new).toList()),
                row.get("body", String.class), OutboxState.fromDb(row.get("state", String.class)), row.get("parts", Integer.class),
                row.get("failure_code", Integer.class), row.get("failure_reason", String.class), row.get("xmpp_id", String.class),
                row.get("xmpp_sender", String.class), Boolean.TRUE.equals(row.get("receipt_wanted", Boolean.class)),
                created == null ? null : created.toInstant(), MmsMedia.fromJson(row.get("media", String.class)));
    }
}
