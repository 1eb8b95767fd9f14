package org.switchboard.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code kill -9} can leave on the embedded database's directory, and that the next start copes with
 * it alone: a postmaster still running, a cluster half made.
 */
class EmbeddedDatabaseRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aPostgresLeftRunningByAKilledProcessIsStoppedAndTheDataOpened() throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir);
             Connection connection = connect(first)) {
            connection.createStatement().execute("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')");
        }
        Process child = startChild(dataDir, "library-only");
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Optional<ProcessHandle> orphan = OrphanedPostgres.find(dataDir);
        assertThat(orphan).as("the killed JVM's postmaster is still running").isPresent();

        try (EmbeddedDatabase reopened = EmbeddedDatabase.start(dataDir);
             Connection connection = connect(reopened);
             ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(orphan.get().isAlive()).isFalse();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void theWatchdogStopsPostgresWhenTheJvmIsKilled() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Process child = startChild(dataDir, "switchboard");
        Optional<ProcessHandle> postmaster = OrphanedPostgres.find(dataDir);
        assertThat(postmaster).isPresent();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // a bounded wait for the watchdog's once-a-second check, not a measure of speed
        postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("PostgreSQL stopped cleanly").isFalse();
        try (EmbeddedDatabase reopened = EmbeddedDatabase.start(dataDir)) {
            assertThat(reopened.settings().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        }
    }

    @Test
    void aClusterWhoseCreationWasKilledIsSetAsideAndMadeAnew() throws Exception {
        Path dataDir = dir.resolve("postgres");
        // what initdb leaves when killed early (no PG_VERSION yet), and a staging directory of a newer run
        Files.createDirectories(dataDir.resolve("base"));
        Files.writeString(dataDir.resolve("postgresql.conf"), "# half written");
        Files.createDirectories(dir.resolve("postgres.initializing/global"));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
             Connection connection = connect(database);
             ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dir.resolve("postgres.initializing"))).isFalse();
        try (Stream<Path> siblings = Files.list(dir)) {
            List<String> names = siblings.map(path -> path.getFileName().toString()).toList();
            assertThat(names).anySatisfy(name -> assertThat(name).startsWith("postgres.incomplete-"));
        }
    }

    /** A child JVM on this test's class path that starts PostgreSQL on {@code dataDir} and waits. */
    private static Process startChild(Path dataDir, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PostgresLeftRunning.class.getName(), dataDir.toString(), mode)
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String line;
        while ((line = output.readLine()) != null && !line.equals("ready")) {
            if (Instant.now().isAfter(deadline)) {
                break;
            }
        }
        assertThat(line).as("the child JVM started PostgreSQL").isEqualTo("ready");
        // keep draining so the child never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                output.lines().forEach(ignored -> { });
            } catch (java.io.UncheckedIOException killed) {
                // the child was killed: its output ends here
            }
        }, "child-output");
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    private static Connection connect(EmbeddedDatabase database) throws Exception {
        DatabaseSettings settings = database.settings();
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
