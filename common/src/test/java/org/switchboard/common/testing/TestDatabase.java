package org.switchboard.common.testing;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.util.UUID;
import org.springframework.r2dbc.connection.SingleConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.db.EmbeddedDatabase;
import org.switchboard.common.db.SchemaMigrator;
import reactor.core.publisher.Mono;

/**
 * One real, migrated PostgreSQL per test JVM (embedded, throw-away), shared by every module's tests through
 * the common test-jar. Starting it costs seconds; sharing it keeps the suite fast.
 */
public final class TestDatabase {

    private static EmbeddedDatabase database;
    private static ConnectionPool pool;

    private TestDatabase() {
    }

    public static synchronized DatabaseSettings settings() {
        if (database == null) {
            database = EmbeddedDatabase.startTemporary();
            SchemaMigrator.migrate(database.settings());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-postgres-stop"));
        }
        return database.settings();
    }

    public static synchronized ConnectionPool pool() {
        if (pool == null) {
            pool = ConnectionPools.create(settings(), 10);
        }
        return pool;
    }

    public static DatabaseClient client() {
        return DatabaseClient.create(pool());
    }

    /**
     * A client whose every statement runs on one connection of its own, taken from the pool: a test can open a
     * transaction with {@code BEGIN} and read PostgreSQL's counters of that transaction. Close it after the test.
     */
    public record OneConnection(Connection connection, DatabaseClient client) implements AutoCloseable {
        @Override
        public void close() {
            Mono.from(connection.close()).block();
        }
    }

    public static OneConnection oneConnection() {
        Connection connection = Mono.from(pool().create()).block();
        return new OneConnection(connection, DatabaseClient.create(new SingleConnectionFactory(connection, pool().getMetadata(), true)));
    }

    /** Rows of one table read by sequential scans and fetched through its indexes, as PostgreSQL counts them. */
    public record TableReads(long sequential, long fetchedByIndex) {
        /** What was read between {@code earlier} and this reading. */
        public TableReads since(TableReads earlier) {
            return new TableReads(sequential - earlier.sequential, fetchedByIndex - earlier.fetchedByIndex);
        }
    }

    /**
     * The read counters of {@code table} on {@code onOneConnection}'s connection, from {@code pg_stat_xact_user_tables}:
     * what plan tests assert on, for statements that must go by index once a table has grown. Take two readings
     * inside one open transaction and assert on their difference: since PostgreSQL 15 those counters are what the
     * connection has not yet flushed to the shared statistics, which it does when idle outside a transaction and at
     * most once a second, so a reading can also hold statements that connection ran before the transaction (a pooled
     * connection's earlier test's cleanup read 1,066 rows of {@code accounts} into a start's count, in CI).
     */
    public static TableReads reads(DatabaseClient onOneConnection, String table) {
        return onOneConnection.sql("SELECT coalesce(seq_tup_read, 0) AS sequential, coalesce(idx_tup_fetch, 0) AS fetched "
                        + "FROM pg_stat_xact_user_tables WHERE relname = :table")
                .bind("table", table).map(row -> new TableReads(row.get("sequential", Long.class), row.get("fetched", Long.class)))
                .one().defaultIfEmpty(new TableReads(0, 0)).block();
    }

    /** The columns of an account row with placeholder credentials nobody can log in with, and their values. */
    private static final String PLACEHOLDER_COLUMNS = "localpart, domain, scram_sha1_salt, scram_sha1_iterations, scram_sha1_stored_key, "
            + "scram_sha1_server_key, scram_sha256_salt, scram_sha256_iterations, scram_sha256_stored_key, scram_sha256_server_key, "
            + "sip_ha1_md5, sip_ha1_sha256";
    private static final String PLACEHOLDER_CREDENTIALS = "'\\x00', 4096, '\\x00', '\\x00', '\\x00', 4096, '\\x00', '\\x00', "
            + "repeat('0', 32), repeat('0', 64)";

    /**
     * A new account row with placeholder credentials nobody can log in with, for tests of tables that hang off an
     * account; its id. The localpart is {@code prefix} and a random suffix.
     */
    public static long placeholderAccount(String prefix, String domain) {
        return client().sql("INSERT INTO accounts (" + PLACEHOLDER_COLUMNS + ") VALUES (:name, :domain, " + PLACEHOLDER_CREDENTIALS
                        + ") RETURNING id")
                .bind("name", prefix + UUID.randomUUID().toString().substring(0, 8)).bind("domain", domain)
                .map(row -> row.get("id", Long.class)).one().block();
    }

    /**
     * {@code count} such accounts in one statement, to grow the table: their localparts are {@code prefix}, a number
     * from 1 to {@code count} and a random suffix shared by the batch.
     */
    public static void placeholderAccounts(String prefix, String domain, int count) {
        client().sql("INSERT INTO accounts (" + PLACEHOLDER_COLUMNS + ") SELECT :prefix || n || '-' || :suffix, :domain, "
                        + PLACEHOLDER_CREDENTIALS + " FROM generate_series(1, :count) AS n")
                .bind("prefix", prefix).bind("suffix", UUID.randomUUID().toString().substring(0, 8)).bind("domain", domain)
                .bind("count", count).fetch().rowsUpdated().block();
    }
}
