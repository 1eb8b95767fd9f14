package org.switchboard.common.sms.host;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.switchboard.common.account.AccountStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link HostStore} on {@code sms_hosts} and {@code sms_sims} of {@code V20__sms_gateway.sql}. */
public final class PostgresHostStore implements HostStore {

    private static final String HOST_COLUMNS = """
            h.id, h.owner_id, h.name, h.created_at, h.paired_at, a.localpart, h.last_seen, h.battery, h.charging,
            h.signal, h.app_version""";
    private static final String HOSTS = "sms_hosts h LEFT JOIN accounts a ON a.id = h.account_id";
    private static final String SIM_COLUMNS = """
            s.id, s.host_id, s.subscription_id, s.slot, s.carrier, s.number, s.region, s.label, s.retention_hours,
            s.is_default, s.present""";

    private final DatabaseClient db;
    private final AccountStore accounts;
    private final TransactionalOperator transactions;

    /** @param accounts the account store on the same database, whose host accounts go with their hosts */
    public PostgresHostStore(DatabaseClient db, AccountStore accounts) {
        this.db = db;
        this.accounts = accounts;
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    }

    @Override
    public Mono<Host> create(long ownerId, String name) {
        String checked;
        try {
            checked = HostStore.checkName(name);
        } catch (IllegalArgumentException invalid) {
            return Mono.error(invalid);
        }
        UUID id = UUID.randomUUID();
        return db.sql("INSERT INTO sms_hosts (id, owner_id, name) VALUES (:id, :owner, :name)")
                .bind("id", id)
                .bind("owner", ownerId)
                .bind("name", checked)
                .then()
                .then(Mono.defer(() -> find(ownerId, id)));
    }

    @Override
    public Flux<Host> list(long ownerId) {
        return withSims(db.sql("SELECT " + HOST_COLUMNS + " FROM " + HOSTS + " WHERE h.owner_id = :owner ORDER BY h.created_at, h.id")
                .bind("owner", ownerId)
                .map(PostgresHostStore::host)
                .all());
    }

    @Override
    public Mono<Host> find(long ownerId, UUID hostId) {
        return withSims(db.sql("SELECT " + HOST_COLUMNS + " FROM " + HOSTS + " WHERE h.owner_id = :owner AND h.id = :id")
                .bind("owner", ownerId)
                .bind("id", hostId)
                .map(PostgresHostStore::host)
                .all()).next();
    }

    @Override
    public Mono<Host> rename(long ownerId, UUID hostId, String name) {
        String checked;
        try {
            checked = HostStore.checkName(name);
        } catch (IllegalArgumentException invalid) {
            return Mono.error(invalid);
        }
        return db.sql("UPDATE sms_hosts SET name = :name WHERE owner_id = :owner AND id = :id")
                .bind("name", checked)
                .bind("owner", ownerId)
                .bind("id", hostId)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated > 0 ? find(ownerId, hostId) : Mono.empty());
    }

    @Override
    public Mono<Host> setDefaultSim(long ownerId, UUID hostId, Integer subscriptionId) {
        Mono<Host> change = db.sql("SELECT id FROM sms_hosts WHERE owner_id = :owner AND id = :id FOR UPDATE")
                .bind("owner", ownerId)
                .bind("id", hostId)
                .map(row -> row.get("id", UUID.class))
                .one()
                .flatMap(id -> subscriptionId == null
                        ? db.sql("UPDATE sms_sims SET is_default = false WHERE host_id = :id").bind("id", id).then().thenReturn(id)
                        : db.sql("UPDATE sms_sims SET is_default = (subscription_id = :sub) WHERE host_id = :id "
                                        + "AND EXISTS (SELECT 1 FROM sms_sims WHERE host_id = :id AND subscription_id = :sub)")
                                .bind("id", id)
                                .bind("sub", subscriptionId)
                                .fetch().rowsUpdated()
                                .flatMap(updated -> updated > 0 ? Mono.just(id) : Mono.error(new IllegalArgumentException(
                                        "this host has no SIM with subscription id " + subscriptionId))))
                .flatMap(id -> find(ownerId, id));
        return transactions.transactional(change);
    }

    @Override
    public Mono<Host> delete(long ownerId, UUID hostId) {
        Mono<Host> deletion = db.sql("SELECT " + HOST_COLUMNS + " FROM " + HOSTS + " WHERE h.owner_id = :owner AND h.id = :id FOR UPDATE OF h")
                .bind("owner", ownerId)
                .bind("id", hostId)
                .map(PostgresHostStore::host)
                .one()
                .flatMap(host -> db.sql("DELETE FROM sms_hosts WHERE id = :id").bind("id", host.id()).then()
                        .then(host.accountLocalpart() == null ? Mono.empty() : accounts.delete(host.accountLocalpart()).then())
                        .thenReturn(host));
        return transactions.transactional(deletion);
    }

    @Override
    public Flux<Sim> sims(long ownerId) {
        return db.sql("SELECT " + SIM_COLUMNS + " FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id "
                        + "WHERE h.owner_id = :owner ORDER BY h.created_at, h.id, s.slot, s.subscription_id")
                .bind("owner", ownerId)
                .map(PostgresHostStore::sim)
                .all();
    }

    @Override
    public Mono<Sim> changeSim(long ownerId, long simId, SimChange change) {
        if (change.isEmpty()) {
            return sim(ownerId, simId);
        }
        List<String> assignments = new ArrayList<>();
        if (change.labelGiven()) {
            assignments.add("label = :label");
        }
        if (change.retentionGiven()) {
            assignments.add("retention_hours = :retention");
        }
        DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE sms_sims s SET " + String.join(", ", assignments)
                        + ", updated_at = now() FROM sms_hosts h WHERE h.id = s.host_id AND h.owner_id = :owner AND s.id = :id")
                .bind("owner", ownerId)
                .bind("id", simId);
        if (change.labelGiven()) {
            update = change.label() == null ? update.bindNull("label", String.class) : update.bind("label", change.label());
        }
        if (change.retentionGiven()) {
            update = change.retentionHours() == null ? update.bindNull("retention", Integer.class)
                    : update.bind("retention", change.retentionHours());
        }
        return update.fetch().rowsUpdated().flatMap(updated -> updated > 0 ? sim(ownerId, simId) : Mono.empty());
    }

    private Mono<Sim> sim(long ownerId, long simId) {
        return db.sql("SELECT " + SIM_COLUMNS + " FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id WHERE h.owner_id = :owner AND s.id = :id")
                .bind("owner", ownerId)
                .bind("id", simId)
                .map(PostgresHostStore::sim)
                .one();
    }

    /** Adds the SIMs of the given hosts with one more query, not one per host. */
    private Flux<Host> withSims(Flux<Host> hosts) {
        return hosts.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            Map<UUID, List<Sim>> sims = new LinkedHashMap<>();
            list.forEach(host -> sims.put(host.id(), new ArrayList<>()));
            return db.sql("SELECT " + SIM_COLUMNS + " FROM sms_sims s WHERE s.host_id = ANY (:ids) ORDER BY s.slot, s.subscription_id")
                    .bind("ids", sims.keySet().toArray(UUID[]::new))
                    .map(PostgresHostStore::sim)
                    .all()
                    .doOnNext(sim -> sims.get(sim.hostId()).add(sim))
                    .thenMany(Flux.fromIterable(list).map(host -> host.withSims(sims.get(host.id()))));
        });
    }

    private static Host host(Readable row) {
        return new Host(row.get("id", UUID.class), row.get("owner_id", Long.class), row.get("name", String.class),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("paired_at", OffsetDateTime.class)),
                row.get("localpart", String.class), instant(row.get("last_seen", OffsetDateTime.class)),
                integer(row.get("battery", Short.class)), row.get("charging", Boolean.class), integer(row.get("signal", Short.class)),
                row.get("app_version", String.class), List.of());
    }

    private static Sim sim(Readable row) {
        return new Sim(row.get("id", Long.class), row.get("host_id", UUID.class), row.get("subscription_id", Integer.class),
                row.get("slot", Integer.class), row.get("carrier", String.class), row.get("number", String.class),
                row.get("region", String.class), row.get("label", String.class), row.get("retention_hours", Integer.class),
                row.get("is_default", Boolean.class), row.get("present", Boolean.class));
    }

    private static Integer integer(Short value) {
        return value == null ? null : value.intValue();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
