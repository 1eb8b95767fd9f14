package org.switchboard.app;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.config.CoreSettings;

/** Lists the REST API in server/info once its port is known. */
@Component
class ApiEndpoint {

    private final RunningServices services;
    private final CoreSettings core;

    ApiEndpoint(RunningServices services, CoreSettings core) {
        this.services = services;
        this.core = core;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        boolean tls = event.getApplicationContext().getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
        services.register(new RunningServices.Endpoint("api", tls ? "https" : "http", core.domain(), event.getWebServer().getPort()));
    }
}
