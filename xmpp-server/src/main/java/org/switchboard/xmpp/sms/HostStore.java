package org.switchboard.xmpp.sms;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.sms.protocol.DeviceState;
import org.switchboard.xmpp.sms.protocol.Hello;
import org.switchboard.xmpp.sms.protocol.SimInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The gateway's reads and writes of {@code sms_hosts} and {@code sms_sims} (V20). */
final class HostStore {

    /** A paired host and its owner. */
    record Host(UUID id, String name, long ownerId, String ownerLocalpart) {
    }

    /** A SIM of a host, as stored. */
    record Sim(long id, UUID hostId, int subscriptionId, int slot, String carrier, String number, String region, boolean isDefault,
               boolean present) {
    }

    /** A host's health as last reported. */
    record Health(Host host, OffsetDateTime lastSeen, Integer battery, Boolean charging, Integer signal) {
    }

    private static final String HOST = "SELECT h.id, h.name, h.owner_id, o.localpart AS owner_localpart FROM sms_hosts h "
            + "JOIN accounts o ON o.id = h.owner_id ";

    private final DatabaseClient db;

    HostStore(DatabaseClient db) {
        this.db = db;
    }

    /** The host whose account has this localpart; empty for any account that is not a paired host. */
    Mono<Host> byAccount(String localpart, String domain) {
        return db.sql(HOST + "JOIN accounts a ON a.id = h.account_id WHERE a.localpart = :localpart AND a.domain = :domain "
                        + "AND a.kind = 'host'")
                .bind("localpart", localpart).bind("domain", domain)
                .map(HostStore::host).one();
    }

    /** The host's own account (the one its phone logs in with); empty once the host is revoked. */
    Mono<Long> accountOf(UUID hostId) {
        return db.sql("SELECT account_id FROM sms_hosts WHERE id = :id AND account_id IS NOT NULL").bind("id", hostId)
                .map(row -> row.get("account_id", Long.class)).one();
    }

    Mono<Host> byId(UUID id) {
        return db.sql(HOST + "WHERE h.id = :id").bind("id", id).map(HostStore::host).one();
    }

    /** Paired hosts that have been seen at least once: after a restart they count as away until they say hello. */
    Flux<Host> seenHosts() {
        return db.sql(HOST + "WHERE h.account_id IS NOT NULL AND h.last_seen IS NOT NULL").map(HostStore::host).all();
    }

    Flux<Health> healthOf(long ownerId) {
        return db.sql(HOST.replace("SELECT ", "SELECT h.last_seen, h.battery, h.charging, h.signal, ")
                        + "WHERE h.owner_id = :owner AND h.account_id IS NOT NULL ORDER BY h.created_at")
                .bind("owner", ownerId)
                .map(row -> new Health(host(row), row.get("last_seen", OffsetDateTime.class), toInteger(row.get("battery", Short.class)),
                        row.get("charging", Boolean.class), toInteger(row.get("signal", Short.class))))
                .all();
    }

    /** Stores what {@code hello} says: the device state, every SIM present, SIMs not listed absent. */
    Mono<Void> hello(UUID hostId, Hello hello) {
        Mono<Void> device = device(hostId, hello.device(), hello.appVersion());
        Mono<Void> sims = Flux.fromIterable(hello.sims()).concatMap(sim -> upsert(hostId, sim)).then();
        Integer[] listed = hello.sims().stream().map(SimInfo::subscriptionId).toArray(Integer[]::new);
        Mono<Void> absent = db.sql("UPDATE sms_sims SET present = false, updated_at = now() WHERE host_id = :host "
                        + "AND present AND NOT (subscription_id = ANY(:listed))")
                .bind("host", hostId).bind("listed", listed).then();
        return device.then(sims).then(absent);
    }

    Mono<Void> status(UUID hostId, DeviceState state) {
        return device(hostId, state, null);
    }

    private Mono<Void> device(UUID hostId, DeviceState state, String appVersion) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE sms_hosts SET last_seen = now(), "
                        + "battery = COALESCE(:battery, battery), charging = COALESCE(:charging, charging), "
                        + "signal = COALESCE(:signal, signal), app_version = COALESCE(:version, app_version) WHERE id = :id")
                .bind("id", hostId);
        spec = orNull(spec, "battery", state.battery() == null ? null : state.battery().shortValue(), Short.class);
        spec = orNull(spec, "charging", state.charging(), Boolean.class);
        spec = orNull(spec, "signal", state.signal() == null ? null : state.signal().shortValue(), Short.class);
        spec = orNull(spec, "version", appVersion, String.class);
        return spec.then();
    }

    private Mono<Void> upsert(UUID hostId, SimInfo sim) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO sms_sims (host_id, subscription_id, slot, carrier, number, region, present)
                        VALUES (:host, :sub, :slot, :carrier, :number, :region, true)
                        ON CONFLICT (host_id, subscription_id) DO UPDATE SET slot = EXCLUDED.slot,
                            carrier = COALESCE(EXCLUDED.carrier, sms_sims.carrier), number = COALESCE(EXCLUDED.number, sms_sims.number),
                            region = COALESCE(EXCLUDED.region, sms_sims.region), present = true, updated_at = now()""")
                .bind("host", hostId).bind("sub", sim.subscriptionId()).bind("slot", sim.slot());
        spec = orNull(spec, "carrier", sim.carrier(), String.class);
        spec = orNull(spec, "number", sim.number(), String.class);
        spec = orNull(spec, "region", sim.region(), String.class);
        return spec.then();
    }

    /** The SIM of a host with this subscription id (present or not), or empty. */
    Mono<Sim> sim(UUID hostId, Integer subscriptionId) {
        if (subscriptionId == null) {
            return db.sql(SIMS + "WHERE host_id = :host AND present ORDER BY is_default DESC, slot LIMIT 1")
                    .bind("host", hostId).map(HostStore::sim).one();
        }
        return db.sql(SIMS + "WHERE host_id = :host AND subscription_id = :sub").bind("host", hostId).bind("sub", subscriptionId)
                .map(HostStore::sim).one();
    }

    /** Every SIM of the person's hosts, present ones first. */
    Mono<List<Sim>> simsOf(long ownerId) {
        return db.sql(SIMS + "WHERE host_id IN (SELECT id FROM sms_hosts WHERE owner_id = :owner AND account_id IS NOT NULL) "
                        + "ORDER BY present DESC, host_id, slot")
                .bind("owner", ownerId).map(HostStore::sim).all().collectList();
    }

    private static final String SIMS = "SELECT id, host_id, subscription_id, slot, carrier, number, region, is_default, present "
            + "FROM sms_sims ";

    private static Sim sim(Readable row) {
        String region = row.get("region", String.class);
        return new Sim(row.get("id", Long.class), row.get("host_id", UUID.class), row.get("subscription_id", Integer.class),
                row.get("slot", Integer.class), row.get("carrier", String.class), row.get("number", String.class),
                region == null ? null : region.strip(), Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                Boolean.TRUE.equals(row.get("present", Boolean.class)));
    }

    private static Host host(Readable row) {
        return new Host(row.get("id", UUID.class), row.get("name", String.class), row.get("owner_id", Long.class),
                row.get("owner_localpart", String.class));
    }

    private static Integer toInteger(Short value) {
        return value == null ? null : value.intValue();
    }

    static DatabaseClient.GenericExecuteSpec orNull(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
