package org.switchboard.xmpp.im.roster;

import io.r2dbc.spi.Readable;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rosters on the tables of {@code V10__xmpp_roster.sql}. Every change bumps the account's roster version
 * (XEP-0237) in the same statement, so a version never describes a roster it does not match.
 */
public final class RosterStore {

    private static final String COLUMNS = "contact, name, subscription, pending_out, pending_in, approved, groups, in_roster";
    private static final String BUMP_VERSION = """
            INSERT INTO xmpp_roster_versions (account_id, version) SELECT id, 1 FROM account
            ON CONFLICT (account_id) DO UPDATE SET version = xmpp_roster_versions.version + 1
            RETURNING version""";

    private final DatabaseClient db;

    public RosterStore(DatabaseClient db) {
        this.db = db;
    }

    /** The stored state about {@code contact} (shown in the roster or not), or empty. */
    public Mono<RosterItem> find(Jid owner, Jid contact) {
        return db.sql("SELECT " + COLUMNS + " FROM xmpp_roster_items WHERE account_id = " + AccountIds.SELECT_ID
                        + " AND contact = :contact")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("contact", contact.bare().toString())
                .map(RosterStore::item)
                .one();
    }

    /** The stored state, or {@link RosterItem#absent} when nothing is stored. */
    public Mono<RosterItem> findOrAbsent(Jid owner, Jid contact) {
        return find(owner, contact).defaultIfEmpty(RosterItem.absent(contact));
    }

    /** The items the user sees: those in the roster, in a stable order. */
    public Flux<RosterItem> items(Jid owner) {
        return db.sql("SELECT " + COLUMNS + " FROM xmpp_roster_items WHERE account_id = " + AccountIds.SELECT_ID
                        + " AND in_roster ORDER BY contact")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(RosterStore::item)
                .all();
    }

    /** Contacts whose subscription requests the user has not answered yet. */
    public Flux<RosterItem> pendingRequests(Jid owner) {
        return db.sql("SELECT " + COLUMNS + " FROM xmpp_roster_items WHERE account_id = " + AccountIds.SELECT_ID
                        + " AND pending_in ORDER BY contact")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(RosterStore::item)
                .all();
    }

    /** Stores the item (or forgets it when nothing about it needs keeping) and returns the new roster version. */
    public Mono<Long> save(Jid owner, RosterItem item) {
        if (item.isForgettable()) {
            return remove(owner, item.contact());
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("WITH account AS " + AccountIds.SELECT_ID + ", saved AS ("
                        + "INSERT INTO xmpp_roster_items (account_id, " + COLUMNS + ") "
                        + "SELECT id, :contact, :name, :subscription, :pendingOut, :pendingIn, :approved, :groups, :inRoster FROM account "
                        + "ON CONFLICT (account_id, contact) DO UPDATE SET name = excluded.name, subscription = excluded.subscription, "
                        + "pending_out = excluded.pending_out, pending_in = excluded.pending_in, approved = excluded.approved, "
                        + "groups = excluded.groups, in_roster = excluded.in_roster) " + BUMP_VERSION)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("contact", item.contact().toString())
                .bind("subscription", item.subscription().wireName())
                .bind("pendingOut", item.pendingOut())
                .bind("pendingIn", item.pendingIn())
                .bind("approved", item.approved())
                .bind("groups", item.groups().toArray(String[]::new))
                .bind("inRoster", item.inRoster());
        spec = item.name() == null ? spec.bindNull("name", String.class) : spec.bind("name", item.name());
        return spec.map(row -> row.get("version", Long.class)).one();
    }

    /** Deletes what is stored about {@code contact} and returns the new roster version. */
    public Mono<Long> remove(Jid owner, Jid contact) {
        return db.sql("WITH account AS " + AccountIds.SELECT_ID + ", removed AS ("
                        + "DELETE FROM xmpp_roster_items WHERE account_id = (SELECT id FROM account) AND contact = :contact) "
                        + BUMP_VERSION)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("contact", contact.bare().toString())
                .map(row -> row.get("version", Long.class))
                .one();
    }

    /** The current roster version; 0 for a roster never changed. */
    public Mono<Long> version(Jid owner) {
        return db.sql("SELECT version FROM xmpp_roster_versions WHERE account_id = " + AccountIds.SELECT_ID)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> row.get("version", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    private static RosterItem item(Readable row) {
        String[] groups = row.get("groups", String[].class);
        return new RosterItem(Jid.parse(row.get("contact", String.class)), row.get("name", String.class),
                Subscription.fromWire(row.get("subscription", String.class)),
                Boolean.TRUE.equals(row.get("pending_out", Boolean.class)),
                Boolean.TRUE.equals(row.get("pending_in", Boolean.class)),
                Boolean.TRUE.equals(row.get("approved", Boolean.class)),
                groups == null ? List.of() : List.of(groups),
                Boolean.TRUE.equals(row.get("in_roster", Boolean.class)));
    }
}
