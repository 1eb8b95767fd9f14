package org.switchboard.common.sms.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.sms.outbox.OutboxStore.Dispatch;
import reactor.core.publisher.Mono;

/**
 * Takes the next messages of many hosts in one statement: for each host the oldest waiting message of each of its
 * conversations that is not busy, oldest first, up to the host's room, marked {@code dispatched}. One statement per
 * host's pass was most of a text's transactions with ten hosts (2.25 a text against 1.01 with one host in
 * bench/sms, docs/sms-benchmark.md): each host's passes came as often as with one host, with a tenth of the texts.
 *
 * <p>The chosen messages are locked in id order before they are written, as every writer of several messages does
 * (ADR 0024 amendment): a message whose command timed out is not busy, and may be chosen again while its late
 * acceptance or report is being written.
 */
final class DispatchBatch {

    /** One host's pass: its conversations with a message still at the host, and how many it may be sent. */
    record Request(UUID hostId, List<String> busy, int room) {
    }

    /**
     * How many of a host's oldest waiting messages a pass reads first (four times the most commands a host has in
     * flight). The messages it takes are always the oldest free heads of their conversations, and any conversation's
     * head beyond these is younger than all of them; so when these hold the host's room of free heads, reading on
     * would not change the choice. Only a host whose oldest messages are this many and hold fewer free heads than its
     * room (a deep queue in few conversations) has its whole queue read. Before V57 every pass read the whole
     * queue: once it grew, each pass cost more and the gateway fell further behind (docs/sms-benchmark.md).
     */
    static final int OLDEST = 4 * OutboxStore.MOST_IN_FLIGHT_PER_HOST;

    /**
     * Every host's next messages, marked dispatched, by {@code sms_dispatch_next} (V57: {@link #OLDEST} first, by index
     * whatever the plan; V58: those through the waiting index only). The dispatcher's passes for one host never
     * overlap, so a host is in a batch once; another caller asking for the same host in the same batch gets the smaller
     * room, once (min), and the messages go to its first request.
     */
    private static final String NEXT = "SELECT " + OutboxStore.prefixed() + ", s.subscription_id "
            + "FROM sms_dispatch_next(:hosts::uuid[], :rooms::int[], :busy_hosts::uuid[], :busy_conversations::text[], "
            + OLDEST + ") m LEFT JOIN sms_sims s ON s.id = m.sim_id";

    private final DatabaseClient db;

    DispatchBatch(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<Optional<List<Dispatch>>>> apply(List<Request> requests) {
        List<UUID> hosts = new ArrayList<>();
        List<Integer> rooms = new ArrayList<>();
        List<UUID> busyHosts = new ArrayList<>();
        List<String> busyConversations = new ArrayList<>();
        for (Request request : requests) {
            hosts.add(request.hostId());
            rooms.add(request.room());
            for (String conversation : request.busy()) {
                busyHosts.add(request.hostId());
                busyConversations.add(conversation);
            }
        }
        return db.sql(NEXT)
                .bind("hosts", hosts.toArray(UUID[]::new)).bind("rooms", rooms.toArray(Integer[]::new))
                .bind("busy_hosts", busyHosts.toArray(UUID[]::new)).bind("busy_conversations", busyConversations.toArray(String[]::new))
                .map(row -> new Dispatch(OutboxStore.message(row), row.get("subscription_id", Integer.class))).all()
                .collectList()
                .map(taken -> answers(requests, taken));
    }

    /** Each request gets its host's messages, oldest first; a host asked twice gets them with its first request. */
    private static List<Optional<List<Dispatch>>> answers(List<Request> requests, List<Dispatch> taken) {
        Map<UUID, List<Dispatch>> byHost = new HashMap<>();
        for (Dispatch dispatch : taken) {
            byHost.computeIfAbsent(dispatch.message().hostId(), host -> new ArrayList<>()).add(dispatch);
        }
        byHost.values().forEach(list -> list.sort(Comparator.comparingLong(dispatch -> dispatch.message().id())));
        List<Optional<List<Dispatch>>> answers = new ArrayList<>();
        for (Request request : requests) {
            List<Dispatch> mine = byHost.remove(request.hostId());
            answers.add(Optional.of(mine == null ? List.of() : mine));
        }
        return answers;
    }
}
