package org.switchboard.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from Maven-shipped binaries, with its data kept under a directory so it survives
 * restarts. This is the all-in-one default; production points {@code SWITCHBOARD_DB_URL} at a server.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseSettings settings;
    private final Optional<PostgresWatchdog> watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<PostgresWatchdog> watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
        this.settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", null);
    }

    /**
     * Starts PostgreSQL on a free loopback port with its cluster in {@code dataDir} (created if absent).
     * Whatever an earlier run killed mid-way left behind is cleared first: a postmaster still running on
     * the directory is stopped, and a cluster whose creation never finished is set aside and made anew.
     */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir.toAbsolutePath().getParent());
            OrphanedPostgres.stopIfRunning(dataDir);
            boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
            if (!existing) {
                ClusterCreation.create(dataDir, EmbeddedDatabase::durable);
            }
            EmbeddedPostgres postgres = durable(EmbeddedPostgres.builder().setDataDirectory(dataDir)).start();
            log.info("Embedded PostgreSQL {} data in {} on port {}", existing ? "reopened" : "created", dataDir, postgres.getPort());
            return new EmbeddedDatabase(postgres, PostgresWatchdog.start(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The library stops PostgreSQL from a JVM shutdown hook of its own, which on SIGTERM runs beside
                // the server's shutdown: sessions ending then could not store what they held (GracefulStopTest).
                // The application closes this database after the services that use it; PostgresWatchdog stops
                // it if the JVM dies without closing it.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The library's defaults (-F, synchronous_commit=off) trade durability for test speed. This
                // cluster holds real data, and a commit acknowledged to a sender must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    /** A throw-away cluster in a temporary directory, removed on close: for tests. */
    public static EmbeddedDatabase startTemporary() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a temporary embedded PostgreSQL", e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        watchdog.ifPresent(PostgresWatchdog::close);
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
