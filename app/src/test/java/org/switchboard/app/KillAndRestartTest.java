package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.Environment;

/**
 * Issue 10's first point, as an operator meets it: the all-in-one server is killed with SIGKILL (its JVM
 * only; the embedded PostgreSQL is a separate process) and started again on the same data directory. It
 * must come up without help and with its data.
 */
class KillAndRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledWithSigkillStartsAgainWithItsData() throws Exception {
        ServerProcess first = ServerProcess.start(dataDir, "crash.test");
        try {
            first.createUser("carol", "carol-password-1");
        } finally {
            first.kill();
        }

        // any free ports for the second start: the first's, free again once it died, may meanwhile be the local end
        // of one of the second's own connections (its database pool's), and a bind to it would fail
        first.variables.put("SWITCHBOARD_API_PORT", "0");
        first.variables.put("SWITCHBOARD_XMPP_C2S_PORT", "0");
        try (ConfigurableApplicationContext restarted = Launcher.launch(new Environment(first.variables))) {
            AccountStore accounts = restarted.getBean(AccountStore.class);
            assertThat(accounts.find("carol").blockOptional()).isPresent();
            assertThat(accounts.verifyPassword("carol", "carol-password-1").block()).isTrue();
        }
    }
}
