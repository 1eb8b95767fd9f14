package org.switchboard.common.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on our data directory by an earlier run that died without stopping it
 * ({@code kill -9} of the JVM, the kernel's OOM killer). Such a postmaster keeps {@code postmaster.pid}
 * and the data directory's lock, so a new start would wait and give up. It has no clients left (they
 * were in the dead JVM), so a smart shutdown (SIGTERM) finishes at once and checkpoints cleanly.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private OrphanedPostgres() {
    }

    /** Stops the postmaster named by {@code dataDir/postmaster.pid} if it is still running; no-op otherwise. */
    static void stopIfRunning(Path dataDir) {
        Optional<ProcessHandle> postmaster = find(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("A PostgreSQL left running by an earlier run (pid {}) holds {}; stopping it before starting our own",
                process.pid(), dataDir);
        process.destroy();
        try {
            process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            log.info("The earlier PostgreSQL (pid {}) has stopped", process.pid());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL left running on " + dataDir + " (pid " + process.pid()
                    + ") did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not wait for the PostgreSQL left running on " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + dataDir, e);
        }
    }

    /**
     * The running postmaster of {@code dataDir}, if any. The pid file may be stale (the machine rebooted and
     * the pid now belongs to something else), so the process must also be a postgres started on this
     * directory before we touch it.
     */
    static Optional<ProcessHandle> find(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        Path recordedDir;
        try {
            // postmaster.pid: line 1 the pid, line 2 the data directory as the postmaster resolved it
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            pid = Long.parseLong(lines.get(0).trim());
            recordedDir = Path.of(lines.get(1).trim());
        } catch (NumberFormatException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
        if (!sameDirectory(recordedDir, dataDir)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(OrphanedPostgres::isPostgres);
    }

    private static boolean sameDirectory(Path recorded, Path dataDir) {
        try {
            return Files.isDirectory(recorded) && Files.isSameFile(recorded, dataDir);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }
}
