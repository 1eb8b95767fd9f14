package org.switchboard.common.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/** The memory of account ids and kinds, against the real account store on PostgreSQL. */
class RememberedAccountsTest {

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore store = new PostgresAccountStore(db, "example.test", 4096);
    private final RememberedAccounts remembered = new RememberedAccounts(store);
    private String name;

    @BeforeEach
    void uniqueName() {
        name = "mem-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void remembersIdAndKindOnceFoundAndForgetsThemWhenTheStoreDeletesTheAccount() {
        long id = store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block().id();
        assertThat(remembered.find(name).block()).isEqualTo(new RememberedAccounts.Known(id, AccountKind.PERSON));

        // the row goes behind the store's back (no deletion event): the memory still answers, so it is a memory
        db.sql("UPDATE accounts SET localpart = :other WHERE id = :id").bind("other", name + "-x").bind("id", id)
                .fetch().rowsUpdated().block();
        assertThat(remembered.personId(name).block()).isEqualTo(id);
        remembered.forget(name);
        assertThat(remembered.exists(name).block()).isFalse();
    }

    @Test
    void aDeletionThroughTheStoreIsForgottenAtOnce() {
        store.create(name, "secret-password", AccountKind.PERSON, Set.of()).block();
        assertThat(remembered.exists(name).block()).isTrue();
        store.delete(name).block();
        assertThat(remembered.exists(name).block()).isFalse();
        assertThat(remembered.personId(name).block()).isNull();
    }

    @Test
    void onlyPeopleHaveAPersonIdAndWhatIsNotFoundIsNotRemembered() {
        assertThat(remembered.exists(name).block()).isFalse();
        store.create(name, "secret-password", AccountKind.HOST, Set.of()).block();
        assertThat(remembered.exists(name).block()).isTrue();
        assertThat(remembered.personId(name).block()).isNull();
    }
}
