package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.Environment;

/**
 * A standard client nobody here wrote — slixmpp, from Debian's python3-slixmpp — against the all-in-one
 * server: STARTTLS, SCRAM, chat, and a message sent while the recipient was offline surviving a restart.
 */
class SlixmppInteropTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dataDir;

    @BeforeAll
    static void slixmppIsInstalled() throws Exception {
        Slixmpp.assumeInstalled();
    }

    @Test
    void chatAndOfflineDeliveryAcrossARestart() throws Exception {
        Environment env = new Environment(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_API_PORT", "0"),
                Map.entry("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_PASSWORD_ITERATIONS", "4096"),
                Map.entry("SWITCHBOARD_ROLES", "xmpp"),
                Map.entry("SWITCHBOARD_XMPP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_C2S_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_COMPONENT_PORT", "0"),
                Map.entry("SWITCHBOARD_HTTPS_PORT", "0"),
                Map.entry("SWITCHBOARD_PROXY65_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_PROXY65_PORT", "0")));
        Path script = Files.createTempFile(dataDir, "slixmpp_client", ".py");
        try (var in = getClass().getResourceAsStream("/interop/slixmpp_client.py")) {
            Files.write(script, in.readAllBytes());
        }

        try (ConfigurableApplicationContext server = Launcher.launch(env)) {
            AccountStore accounts = server.getBean(AccountStore.class);
            accounts.create("alice", "alice-password-1", AccountKind.PERSON, Set.of()).block();
            accounts.create("bob", "bob-password-12", AccountKind.PERSON, Set.of()).block();
            int port = c2sPort(server);
            assertThat(run(script, "send", "alice@localhost", "alice-password-1", port, "bob@localhost", "first, while bob is away"))
                    .isEqualTo("SENT");
            assertThat(run(script, "receive", "bob@localhost", "bob-password-12", port))
                    .isEqualTo("RECEIVED alice@localhost first, while bob is away");
            assertThat(run(script, "send", "alice@localhost", "alice-password-1", port, "bob@localhost", "second, before a restart"))
                    .isEqualTo("SENT");
            assertThat(run(script, "receive", "bob@localhost", "wrong-password", port)).isEqualTo("AUTH-FAILED");
        }
        try (ConfigurableApplicationContext restarted = Launcher.launch(env)) {
            assertThat(run(script, "receive", "bob@localhost", "bob-password-12", c2sPort(restarted)))
                    .isEqualTo("RECEIVED alice@localhost second, before a restart");
        }
    }

    private static int c2sPort(ConfigurableApplicationContext server) {
        return server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("xmpp-c2s") && e.transport().equals("starttls"))
                .findFirst().orElseThrow().port();
    }

    /** Runs the client and returns the outcome line it printed. */
    private static String run(Path script, String mode, String jid, String password, int port, String... message)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), mode, jid, password, Integer.toString(port)));
        command.addAll(List.of(message));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(builder.environment());
        builder.environment().clear();
        builder.environment().put("PATH", environment.getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("slixmpp client did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] lines = output.split("\n");
        return lines[lines.length - 1];
    }
}
