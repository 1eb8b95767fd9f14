package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a test's temporary directory when the test is done with it. The suite makes hundreds (a server's data, a
 * peer's configuration and log) and CI runs again and again on one machine; a failure message carries the end of a
 * peer's log, so nothing there is needed once the peer has stopped.
 */
final class TempDirectories {

    private TempDirectories() {
    }

    /** Deletes {@code dir} and everything in it; what cannot be deleted (a file still held open) is left. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: a leftover directory in /tmp fails no test
        }
    }
}
