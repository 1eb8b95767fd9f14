package org.switchboard.common.testing;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.db.EmbeddedDatabase;
import org.switchboard.common.db.SchemaMigrator;

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
}
