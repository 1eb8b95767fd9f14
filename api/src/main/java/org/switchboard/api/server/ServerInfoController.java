package org.switchboard.api.server;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.common.config.CoreSettings;

/** What a client needs to connect; no authentication. */
@RestController
class ServerInfoController {

    static final String API_VERSION = "v1";

    private final CoreSettings core;
    private final RunningServices services;

    ServerInfoController(CoreSettings core, RunningServices services) {
        this.core = core;
        this.services = services;
    }

    record ServerInfo(String software, String domain, String apiVersion, String registration, List<RunningServices.Endpoint> services) {
    }

    @GetMapping("/api/v1/server/info")
    ServerInfo info() {
        return new ServerInfo("Switchboard", core.domain(), API_VERSION, core.registrationOpen() ? "open" : "closed", services.list());
    }
}
