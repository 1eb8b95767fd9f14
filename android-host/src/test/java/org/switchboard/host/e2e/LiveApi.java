package org.switchboard.host.e2e;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.switchboard.api.ApiConfiguration;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.testing.TestDatabase;

/**
 * The real REST API beside {@link TestServer} in the live server's child JVM, as the all-in-one server runs it: the
 * same database, domain and data directory (so pairing hands out the XMPP certificate's pin) and the XMPP client
 * port told to phones. Loopback, any free port.
 */
@SpringBootApplication(scanBasePackages = "org.switchboard.host.e2e.none")
@Import(ApiConfiguration.class)
public class LiveApi {

    static ConfigurableApplicationContext start(Path dataDir, int c2sPort) {
        Environment env = new Environment(Map.of(
                "SWITCHBOARD_DOMAIN", TestServer.DOMAIN,
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_XMPP_C2S_PORT", Integer.toString(c2sPort),
                "SWITCHBOARD_JWT_SECRET", "a-test-secret-that-is-long-enough-for-hs256"));
        SpringApplication application = new SpringApplication(LiveApi.class);
        application.setDefaultProperties(Map.of("server.port", 0, "server.address", "127.0.0.1", "spring.main.banner-mode", "off"));
        application.addInitializers(context -> {
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("switchboardEnvironment", env);
            beans.registerSingleton("coreSettings", CoreSettings.defaults(TestServer.DOMAIN, dataDir));
            beans.registerSingleton("databaseSettings", TestDatabase.settings());
        });
        return application.run();
    }

    /** The API's base URL. */
    static String url(ConfigurableApplicationContext api) {
        return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
    }
}
