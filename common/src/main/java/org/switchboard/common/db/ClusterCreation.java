package org.switchboard.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a new cluster so that a kill at any moment leaves either no cluster or a whole one: initdb runs in
 * a staging directory beside the real one, the cluster is started once and stopped cleanly there, and only
 * then is the directory renamed into place. A run killed before the rename leaves only the staging
 * directory, which the next start throws away.
 */
final class ClusterCreation {

    private static final Logger log = LoggerFactory.getLogger(ClusterCreation.class);

    private ClusterCreation() {
    }

    static void create(Path dataDir, UnaryOperator<EmbeddedPostgres.Builder> configure) throws IOException {
        setAsideIncomplete(dataDir);
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".initializing");
        if (Files.exists(staging)) {
            OrphanedPostgres.stopIfRunning(staging);
            log.warn("Removing {}, a cluster whose creation an earlier run did not finish", staging);
            deleteRecursively(staging);
        }
        Files.createDirectories(staging);
        try (EmbeddedPostgres initialized = configure.apply(EmbeddedPostgres.builder().setDataDirectory(staging)).start()) {
            log.info("Created a new PostgreSQL cluster (port {} while staging)", initialized.getPort());
        }
        Files.deleteIfExists(dataDir);
        Files.move(staging, dataDir, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A data directory without PG_VERSION but with files in it is not a cluster we can open: an older
     * Switchboard killed during initdb, or something the operator put there. It is renamed, never deleted.
     */
    private static void setAsideIncomplete(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".incomplete-" + Instant.now().getEpochSecond());
        log.warn("{} holds files but no PostgreSQL cluster; moving it to {} and creating a new cluster", dataDir, aside);
        Files.move(dataDir, aside);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
