package org.switchboard.app;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.db.DatabaseSettings;
import org.switchboard.common.db.EmbeddedDatabase;
import org.switchboard.common.db.SchemaMigrator;

/**
 * Starts the database (embedded unless {@code SWITCHBOARD_DB_URL} is set), migrates it, then the Spring
 * context with every role. The embedded database is registered as the first disposable bean, so on
 * SIGTERM it is the last thing to stop: sessions close and the pool drains before PostgreSQL goes.
 */
public final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    public static ConfigurableApplicationContext launch(Environment env, String... args) {
        return launch(env, Map.of(), args);
    }

    /**
     * With beans an embedding program supplies (by name), such as a stand-in for a push provider's servers
     * that a test cannot reach.
     */
    public static ConfigurableApplicationContext launch(Environment env, Map<String, Object> supplied, String... args) {
        CoreSettings core = CoreSettings.from(env);
        DatabaseSettings configured = DatabaseSettings.from(env);
        EmbeddedDatabase embedded = configured == null ? EmbeddedDatabase.start(core.dataDir().resolve("postgres")) : null;
        try {
            DatabaseSettings database = embedded == null ? configured : embedded.settings();
            SchemaMigrator.migrate(database);

            SpringApplication application = new SpringApplication(SwitchboardApplication.class);
            application.setDefaultProperties(springProperties(env, core));
            application.addInitializers(context -> {
                DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
                if (embedded != null) {
                    beans.registerDisposableBean("embeddedDatabase", embedded::close);
                }
                beans.registerSingleton("switchboardEnvironment", env);
                beans.registerSingleton("coreSettings", core);
                beans.registerSingleton("databaseSettings", database);
                supplied.forEach(beans::registerSingleton);
            });
            return application.run(args);
        } catch (RuntimeException e) {
            if (embedded != null) {
                log.error("Start-up failed; stopping the embedded database");
                embedded.close();
            }
            throw e;
        }
    }

    private static Map<String, Object> springProperties(Environment env, CoreSettings core) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", env.integer("SWITCHBOARD_API_PORT", 8080, 0, 65535));
        properties.put("server.address", env.string("SWITCHBOARD_API_BIND_ADDRESS", "0.0.0.0"));
        if (env.bool("SWITCHBOARD_API_TLS", false)) {
            properties.putAll(ApiTls.springProperties(env, core));
        }
        properties.put("server.shutdown", "graceful");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }
}
