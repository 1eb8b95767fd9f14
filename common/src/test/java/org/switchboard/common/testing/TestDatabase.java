package org.switchboard.common.testing;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
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
     * A client whose every statement runs on one connection of its own, taken from the pool: a test can count what
     * a transaction on it did ({@link #countedInTransaction}). Close it after the test.
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

    /** What PostgreSQL counted of one table: rows read by sequential scans and fetched by index, rows updated (heap-only). */
    public record TableCounts(long readSequentially, long fetchedByIndex, long updated, long updatedHeapOnly) {
        TableCounts since(TableCounts earlier) {
            return new TableCounts(readSequentially - earlier.readSequentially, fetchedByIndex - earlier.fetchedByIndex,
                    updated - earlier.updated, updatedHeapOnly - earlier.updatedHeapOnly);
        }
    }

    /** What a piece of work returned, and each table's counts while it ran. */
    public record Counted<T>(T result, Map<String, TableCounts> counts) {
        public TableCounts of(String table) {
            return counts.get(table);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code onOneConnection}'s connection and counts what it did to each of
     * {@code tables} (from {@code pg_stat_xact_user_tables}): what plan and write tests assert on. The counts are the
     * difference of two readings inside the transaction, because since PostgreSQL 15 those counters are what the
     * connection has not yet flushed to the shared statistics, which it does when idle outside a transaction and at
     * most once a second: one reading also holds statements the connection ran before the transaction (a pooled
     * connection's earlier test's cleanup read 1,066 rows of {@code accounts} into a call start's count, in CI).
     */
    public static <T> Counted<T> countedInTransaction(DatabaseClient onOneConnection, Supplier<T> work, String... tables) {
        onOneConnection.sql("BEGIN").then().block();
        try {
            Map<String, TableCounts> before = counts(onOneConnection, tables);
            T result = work.get();
            Map<String, TableCounts> after = counts(onOneConnection, tables);
            onOneConnection.sql("COMMIT").then().block();
            Map<String, TableCounts> during = new HashMap<>();
            after.forEach((table, counts) -> during.put(table, counts.since(before.get(table))));
            return new Counted<>(result, during);
        } catch (RuntimeException | Error failure) {
            onOneConnection.sql("ROLLBACK").then().block();
            throw failure;
        }
    }

    private static Map<String, TableCounts> counts(DatabaseClient onOneConnection, String... tables) {
        Map<String, TableCounts> counts = new HashMap<>();
        for (String table : tables) {
            counts.put(table, new TableCounts(0, 0, 0, 0));
        }
        onOneConnection.sql("SELECT relname, coalesce(seq_tup_read, 0) AS sequential, coalesce(idx_tup_fetch, 0) AS fetched, "
                        + "n_tup_upd AS updated, n_tup_hot_upd AS heap_only FROM pg_stat_xact_user_tables WHERE relname = ANY (:tables)")
                .bind("tables", tables)
                .map(row -> Map.entry(row.get("relname", String.class), new TableCounts(row.get("sequential", Long.class),
                        row.get("fetched", Long.class), row.get("updated", Long.class), row.get("heap_only", Long.class))))
                .all().collectList().block()
                .forEach(counted -> counts.put(counted.getKey(), counted.getValue()));
        return counts;
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
