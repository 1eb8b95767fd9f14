package org.switchboard.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.config.CoreSettings;

/** Tells the operator, once everything is up, where each service listens and how to connect. */
@Component
class StartupSummary {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final RunningServices services;
    private final CoreSettings core;

    StartupSummary(RunningServices services, CoreSettings core) {
        this.services = services;
        this.core = core;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        StringBuilder summary = new StringBuilder("Switchboard is running for domain ").append(core.domain()).append(':');
        for (RunningServices.Endpoint endpoint : services.list()) {
            summary.append("\n  ").append(String.format("%-16s %-5s port %d", endpoint.name(), endpoint.transport(), endpoint.port()));
        }
        summary.append("\n  Accounts: log in as the admin at POST /api/v1/account/login, create users with POST /api/v1/admin/users;")
                .append("\n  an XMPP client connects as user@").append(core.domain()).append(" with the same password.");
        log.info(summary.toString());
    }
}
