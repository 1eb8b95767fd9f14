package org.switchboard.common.sms.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.TestDatabase;

/** The host store against a real PostgreSQL; SIMs are written as the gateway would, straight into sms_sims. */
class PostgresHostStoreTest {

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore accounts = new PostgresAccountStore(db, "hosts.test", 4096);
    private final PostgresHostStore hosts = new PostgresHostStore(db, accounts);
    private Account owner;
    private Account stranger;

    @BeforeEach
    void people() {
        owner = person("owner");
        stranger = person("stranger");
    }

    @Test
    void createsListsAndFindsHostsWithTheirSims() {
        Host kitchen = hosts.create(owner.id(), "  Kitchen phone ").block();
        Host spare = hosts.create(owner.id(), "Spare").block();
        sim(kitchen.id(), 1, 0, "+15551234567");
        sim(kitchen.id(), 2, 1, null);

        assertThat(kitchen.name()).isEqualTo("Kitchen phone");
        assertThat(kitchen.paired()).isFalse();
        assertThat(hosts.list(owner.id()).map(Host::name).collectList().block()).containsExactly("Kitchen phone", "Spare");
        Host found = hosts.find(owner.id(), kitchen.id()).block();
        assertThat(found.sims()).extracting(Sim::subscriptionId).containsExactly(1, 2);
        assertThat(found.sims().get(0).number()).isEqualTo("+15551234567");
        assertThat(hosts.find(owner.id(), spare.id()).block().sims()).isEmpty();
        assertThat(hosts.sims(owner.id()).map(Sim::subscriptionId).collectList().block()).containsExactly(1, 2);
    }

    @Test
    void anotherPersonsHostIsNotFoundAnywhere() {
        Host host = hosts.create(owner.id(), "Mine").block();
        long simId = sim(host.id(), 1, 0, "+15550000001");

        assertThat(hosts.list(stranger.id()).collectList().block()).isEmpty();
        assertThat(hosts.find(stranger.id(), host.id()).block()).isNull();
        assertThat(hosts.rename(stranger.id(), host.id(), "Theirs").block()).isNull();
        assertThat(hosts.setDefaultSim(stranger.id(), host.id(), 1).block()).isNull();
        assertThat(hosts.delete(stranger.id(), host.id()).block()).isNull();
        assertThat(hosts.sims(stranger.id()).collectList().block()).isEmpty();
        assertThat(hosts.changeSim(stranger.id(), simId, new SimChange(true, "stolen", false, null)).block()).isNull();
        assertThat(hosts.find(owner.id(), host.id()).block().name()).isEqualTo("Mine");
        assertThat(hosts.find(owner.id(), host.id()).block().sims().get(0).label()).isNull();
    }

    @Test
    void renamesAndRefusesBadNames() {
        Host host = hosts.create(owner.id(), "Old").block();
        assertThat(hosts.rename(owner.id(), host.id(), "New").block().name()).isEqualTo("New");
        assertThatThrownBy(() -> hosts.rename(owner.id(), host.id(), " ").block()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hosts.create(owner.id(), "x".repeat(101)).block()).isInstanceOf(IllegalArgumentException.class);
        assertThat(hosts.create(owner.id(), "é".repeat(100)).block().name()).hasSize(100);
    }

    @Test
    void oneDefaultSimPerHost() {
        Host host = hosts.create(owner.id(), "Dual SIM").block();
        sim(host.id(), 5, 0, "+15550000005");
        sim(host.id(), 6, 1, "+15550000006");

        assertThat(hosts.setDefaultSim(owner.id(), host.id(), 6).block().sims()).extracting(Sim::isDefault).containsExactly(false, true);
        assertThat(hosts.setDefaultSim(owner.id(), host.id(), 5).block().sims()).extracting(Sim::isDefault).containsExactly(true, false);
        assertThatThrownBy(() -> hosts.setDefaultSim(owner.id(), host.id(), 7).block())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
        assertThat(hosts.find(owner.id(), host.id()).block().sims()).extracting(Sim::isDefault).containsExactly(true, false);
        assertThat(hosts.setDefaultSim(owner.id(), host.id(), null).block().sims()).extracting(Sim::isDefault).containsExactly(false, false);
    }

    @Test
    void changesOnlyTheGivenFieldsOfANumber() {
        Host host = hosts.create(owner.id(), "Numbers").block();
        long simId = sim(host.id(), 1, 0, "+15550000009");

        Sim labelled = hosts.changeSim(owner.id(), simId, new SimChange(true, "Work", false, null)).block();
        assertThat(labelled.label()).isEqualTo("Work");
        assertThat(labelled.retentionHours()).isNull();
        Sim retained = hosts.changeSim(owner.id(), simId, new SimChange(false, null, true, 24)).block();
        assertThat(retained.label()).isEqualTo("Work");
        assertThat(retained.retentionHours()).isEqualTo(24);
        Sim cleared = hosts.changeSim(owner.id(), simId, new SimChange(true, null, true, null)).block();
        assertThat(cleared.label()).isNull();
        assertThat(cleared.retentionHours()).isNull();
        assertThatThrownBy(() -> new SimChange(false, null, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheOwnerDeletesTheirHosts() {
        Host host = hosts.create(owner.id(), "Goes with its owner").block();
        accounts.delete(owner.localpart()).block();
        Long left = db.sql("SELECT count(*) AS n FROM sms_hosts WHERE id = :id").bind("id", host.id())
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(left).isZero();
    }

    private Account person(String prefix) {
        return accounts.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "a-password", AccountKind.PERSON, Set.of()).block();
    }

    private long sim(UUID hostId, int subscriptionId, int slot, String number) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO sms_sims (host_id, subscription_id, slot, carrier, number) "
                        + "VALUES (:host, :sub, :slot, 'Example Mobile', :number) RETURNING id")
                .bind("host", hostId)
                .bind("sub", subscriptionId)
                .bind("slot", slot);
        insert = number == null ? insert.bindNull("number", String.class) : insert.bind("number", number);
        return insert.map(row -> row.get("id", Long.class)).one().block();
    }
}
