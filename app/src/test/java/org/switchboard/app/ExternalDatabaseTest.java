package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * The production path: a PostgreSQL server that runs on its own, prepared as an operator prepares one (a role and
 * a database it owns), reached through {@code SWITCHBOARD_DB_URL} the way docker-compose.yml does. Nothing embedded
 * is started, the schema is migrated into that database, and the data outlives a restart of the server. (This
 * stand-in server trusts local connections, so the password is passed along but not itself checked here.)
 */
class ExternalDatabaseTest {

    private static EmbeddedPostgres external;
    private static String url;

    @BeforeAll
    static void startTheOperatorsDatabase() throws Exception {
        // a separate PostgreSQL process on its own port, standing for the operator's server
        external = EmbeddedPostgres.builder().start();
        try (Connection admin = external.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE switchboard LOGIN PASSWORD 'operator-chosen-password'");
            sql.execute("CREATE DATABASE switchboard OWNER switchboard");
        }
        url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/switchboard";
    }

    @AfterAll
    static void stopIt() throws Exception {
        external.close();
    }

    private ConfigurableApplicationContext launch(Path dataDir) {
        return LoopbackServer.launch(dataDir, "external.test",
                "SWITCHBOARD_DB_URL", url,
                "SWITCHBOARD_DB_USER", "switchboard",
                "SWITCHBOARD_DB_PASSWORD", "operator-chosen-password");
    }

    @Test
    void theServerUsesTheDatabaseAtTheUrlAndKeepsItsDataThereAcrossARestart(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext server = launch(dataDir)) {
            assertThat(dataDir.resolve("postgres")).as("no embedded database").doesNotExist();
            server.getBean(AccountStore.class).create("alice", "alices-long-password", AccountKind.PERSON, Set.of()).block();
            try (XmppClients.Client alice = XmppClients.login(server, "alice", "alices-long-password")) {
                assertThat(alice.connection().isAuthenticated()).isTrue();
            }
        }
        assertThat(accountsNamed("alice")).as("the row is in the operator's database").isEqualTo(1);
        assertThat(migrations()).as("Flyway's history is there").isPositive();

        try (ConfigurableApplicationContext again = launch(dataDir);
             XmppClients.Client alice = XmppClients.login(again, "alice", "alices-long-password")) {
            assertThat(alice.connection().isAuthenticated()).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    private static long accountsNamed(String localpart) throws Exception {
        try (Connection db = external.getDatabase("switchboard", "switchboard").getConnection(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM accounts WHERE localpart = '" + localpart + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long migrations() throws Exception {
        try (Connection db = external.getDatabase("switchboard", "switchboard").getConnection(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
