package org.switchboard.common.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny shell process that stops the embedded PostgreSQL when this JVM dies without stopping it
 * ({@code kill -9}, the OOM killer): the postmaster runs as a separate daemon and would otherwise outlive
 * us and hold the data directory. It checks once a second and signals the postmaster only while
 * {@code postmaster.pid} still names it, so a pid reused after a clean stop is never touched. Where there
 * is no POSIX shell it is simply not started; {@link OrphanedPostgres} still cleans up at the next start.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);
    private static final String SCRIPT = """
            trap '' INT HUP
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if [ "$(head -n 1 "$2/postmaster.pid" 2>/dev/null)" = "$3" ]; then kill -TERM "$3"; fi
            """;

    private final Process process;

    private PostgresWatchdog(Process process) {
        this.process = process;
    }

    /** Watches this JVM on behalf of the postmaster now running on {@code dataDir}; empty if it cannot. */
    static Optional<PostgresWatchdog> start(Path dataDir) {
        Path shell = Path.of("/bin/sh");
        if (!Files.isExecutable(shell)) {
            return Optional.empty();
        }
        try {
            List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            String postmaster = pidFile.get(0).trim();
            Process process = new ProcessBuilder(shell.toString(), "-c", SCRIPT, "switchboard-pg-watchdog",
                    Long.toString(ProcessHandle.current().pid()), dataDir.toAbsolutePath().toString(), postmaster)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(new PostgresWatchdog(process));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not start the watchdog that stops PostgreSQL if this process dies: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The JVM is stopping PostgreSQL itself; the watchdog is no longer needed. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
