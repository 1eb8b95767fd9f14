package org.switchboard.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseRecoveryTest}: starts PostgreSQL on a data directory the
 * way an earlier Switchboard did, prints "ready" and waits to be killed. The library alone, without our
 * watchdog, so that killing this JVM leaves the postmaster running as an orphan.
 */
public final class PostgresLeftRunning {

    private PostgresLeftRunning() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("switchboard")) {
            EmbeddedDatabase.start(Path.of(args[0]));
        } else {
            EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1").start();
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
