package org.switchboard.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.switchboard.api.ApiConfiguration;
import org.switchboard.common.config.Environment;

/**
 * The all-in-one server: every role in one JVM. {@link Launcher} prepares the database before Spring
 * starts, so the context only ever sees a migrated schema.
 */
@SpringBootApplication
@Import(ApiConfiguration.class)
public class SwitchboardApplication {

    public static void main(String[] args) {
        Launcher.launch(Environment.system(), args);
    }
}
