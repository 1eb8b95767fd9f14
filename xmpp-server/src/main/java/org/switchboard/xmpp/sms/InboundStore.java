package org.switchboard.xmpp.sms;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.sms.protocol.Call;
import org.switchboard.xmpp.sms.protocol.Inbound;
import reactor.core.publisher.Mono;

/**
 * Incoming SMS ({@code sms_messages}, direction {@code in}) and call events ({@code sms_calls}, V21), each
 * stored once per host and host id: a repeat finds the stored row, and whether it was routed yet.
 */
final class InboundStore {

    /** A stored incoming SMS; {@code routed} false means it must still be handed to the owner. */
    record StoredText(long id, UUID publicId, Conversation conversation, String body, boolean routed) {
    }

    /** A stored call event. */
    record StoredCall(long id, String peer, String state, OffsetDateTime at, boolean routed) {
    }

    private final DatabaseClient db;

    InboundStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<StoredText> text(HostStore.Host host, Long simId, Conversation conversation, Inbound inbound) {
        String body = inbound.media().isEmpty() ? inbound.body()
                : (inbound.body().isEmpty() ? "" : inbound.body() + "\n") + String.join("\n", inbound.media());
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO sms_messages (public_id, owner_id, host_id, sim_id, direction, peers, conversation, body, media,
                                                  state, host_event_id, created_at)
                        VALUES (:public_id, :owner, :host, :sim, 'in', :peers, :conversation, :body,
                                CAST(:media AS JSONB), 'received', :event, :at)
                        ON CONFLICT (host_id, host_event_id) WHERE host_event_id IS NOT NULL DO NOTHING
                        RETURNING id, public_id, peers, body, routed_at""")
                .bind("public_id", UUID.randomUUID()).bind("owner", host.ownerId()).bind("host", host.id())
                .bind("peers", conversation.values().toArray(String[]::new)).bind("conversation", conversation.key())
                .bind("body", body).bind("event", inbound.id())
                .bind("at", OffsetDateTime.ofInstant(inbound.at(), ZoneOffset.UTC));
        insert = HostStore.orNull(insert, "sim", simId, Long.class);
        insert = HostStore.orNull(insert, "media", inbound.media().isEmpty() ? null : json(inbound), String.class);
        return insert.map(InboundStore::storedText).one()
                .switchIfEmpty(Mono.defer(() -> db.sql("SELECT id, public_id, peers, body, routed_at FROM sms_messages "
                                + "WHERE host_id = :host AND host_event_id = :event")
                        .bind("host", host.id()).bind("event", inbound.id())
                        .map(InboundStore::storedText).one()));
    }

    Mono<Void> textRouted(long id) {
        return db.sql("UPDATE sms_messages SET routed_at = now() WHERE id = :id").bind("id", id).then();
    }

    Mono<StoredCall> call(HostStore.Host host, Long simId, SmsAddress peer, Call call) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO sms_calls (owner_id, host_id, sim_id, host_event_id, peer, state, at)
                        VALUES (:owner, :host, :sim, :event, :peer, :state, :at)
                        ON CONFLICT (host_id, host_event_id) DO NOTHING
                        RETURNING id, peer, state, at, routed_at""")
                .bind("owner", host.ownerId()).bind("host", host.id()).bind("event", call.id()).bind("peer", peer.value())
                .bind("state", call.state()).bind("at", OffsetDateTime.ofInstant(call.at(), ZoneOffset.UTC));
        insert = HostStore.orNull(insert, "sim", simId, Long.class);
        return insert.map(InboundStore::storedCall).one()
                .switchIfEmpty(Mono.defer(() -> db.sql("SELECT id, peer, state, at, routed_at FROM sms_calls "
                                + "WHERE host_id = :host AND host_event_id = :event")
                        .bind("host", host.id()).bind("event", call.id())
                        .map(InboundStore::storedCall).one()));
    }

    Mono<Void> callRouted(long id) {
        return db.sql("UPDATE sms_calls SET routed_at = now() WHERE id = :id").bind("id", id).then();
    }

    private static StoredText storedText(io.r2dbc.spi.Readable row) {
        String[] peers = row.get("peers", String[].class);
        return new StoredText(row.get("id", Long.class), row.get("public_id", UUID.class),
                new Conversation(Arrays.stream(peers).map(SmsAddress::new).toList()), row.get("body", String.class),
                row.get("routed_at", OffsetDateTime.class) != null);
    }

    private static StoredCall storedCall(io.r2dbc.spi.Readable row) {
        return new StoredCall(row.get("id", Long.class), row.get("peer", String.class), row.get("state", String.class),
                row.get("at", OffsetDateTime.class), row.get("routed_at", OffsetDateTime.class) != null);
    }

    /** The media list as JSON; URLs were checked to be https and carry no quotes or backslashes that need more. */
    private static String json(Inbound inbound) {
        StringBuilder json = new StringBuilder("[");
        for (String url : inbound.media()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"url\":\"").append(url.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}");
        }
        return json.append(']').toString();
    }
}
