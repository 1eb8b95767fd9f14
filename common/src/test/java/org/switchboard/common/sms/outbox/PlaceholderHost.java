package org.switchboard.common.sms.outbox;

import java.util.UUID;
import org.switchboard.common.testing.TestDatabase;

/** An SMS host row of a placeholder account, for tests of the outbox's statements; deleting the account deletes both. */
record PlaceholderHost(long owner, UUID id) {

    static PlaceholderHost create(String name) {
        long owner = TestDatabase.placeholderAccount(name, name + ".test");
        UUID id = UUID.randomUUID();
        TestDatabase.client().sql("INSERT INTO sms_hosts (id, owner_id, name) VALUES (:id, :owner, :name)")
                .bind("id", id).bind("owner", owner).bind("name", name).fetch().rowsUpdated().block();
        return new PlaceholderHost(owner, id);
    }

    void delete() {
        TestDatabase.client().sql("DELETE FROM accounts WHERE id = :owner").bind("owner", owner).fetch().rowsUpdated().block();
    }
}
