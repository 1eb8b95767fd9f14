package org.switchboard.host.e2e;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.host.connection.HostTrust;

/**
 * A child JVM for {@link ServerChild}: the real XMPP server with its SMS gateway ({@link TestServer}) on the
 * parent's test database, so a test can kill it with SIGKILL and start it again. Arguments: the data directory
 * (its certificate stays there across restarts) and the client port. The database comes from the environment
 * ({@code SWITCHBOARD_TEST_DB_URL}, {@code _USER}, {@code _PASSWORD}), never from the command line. Prints
 * {@code ready <port> <certificate SHA-256>} once it listens.
 */
public final class ServerProcessMain {

    private ServerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DatabaseSettings database = new DatabaseSettings(System.getenv("SWITCHBOARD_TEST_DB_URL"),
                System.getenv("SWITCHBOARD_TEST_DB_USER"), System.getenv("SWITCHBOARD_TEST_DB_PASSWORD"));
        DatabaseClient db = DatabaseClient.create(ConnectionPools.create(database, 10));
        TestServer server = new TestServer(db, Path.of(args[0]), Integer.parseInt(args[1]));
        out.println("ready " + server.server.c2sPort() + " " + HostTrust.fingerprint(server.server.certificate().leaf()));
        Thread.sleep(Long.MAX_VALUE);
    }
}
