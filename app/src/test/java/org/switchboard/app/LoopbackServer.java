package org.switchboard.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.config.Environment;

/**
 * The all-in-one server in this JVM for a test class: its own data directory, loopback only, every port
 * picked free (a fixed one, such as the component port's 5275, collides with other runs on the machine).
 */
final class LoopbackServer {

    static final String ADMIN_PASSWORD = "admin-password-1";

    private LoopbackServer() {
    }

    /** @param extra further variables, name then value, overriding the defaults */
    static ConfigurableApplicationContext launch(Path dataDir, String domain, String... extra) {
        return launch(Map.of(), dataDir, domain, extra);
    }

    /** With beans handed in, such as a stand-in for Google's push servers. */
    static ConfigurableApplicationContext launch(Map<String, Object> beans, Path dataDir, String domain, String... extra) {
        Map<String, String> variables = new HashMap<>(Map.ofEntries(
                Map.entry("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                Map.entry("SWITCHBOARD_DOMAIN", domain),
                Map.entry("SWITCHBOARD_ROLES", "xmpp"),
                Map.entry("SWITCHBOARD_PASSWORD_ITERATIONS", "4096"),
                Map.entry("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("SWITCHBOARD_API_PORT", "0"),
                Map.entry("SWITCHBOARD_API_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_XMPP_C2S_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_TLS_PORT", "0"),
                Map.entry("SWITCHBOARD_XMPP_COMPONENT_PORT", "0"),
                Map.entry("SWITCHBOARD_HTTPS_PORT", "0"),
                Map.entry("SWITCHBOARD_PROXY65_BIND", "127.0.0.1"),
                Map.entry("SWITCHBOARD_PROXY65_PORT", "0")));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            variables.put(extra[i], extra[i + 1]);
        }
        return Launcher.launch(new Environment(variables), beans);
    }

    /** The REST API's base URL. */
    static String apiUrl(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    /** A client of the REST API, patient enough for a loaded machine. */
    static WebTestClient http(ConfigurableApplicationContext server) {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl(apiUrl(server)).build();
    }
}
