package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.TurnServer;
import org.switchboard.xmpp.tls.ServerSslContexts;
import org.switchboard.xmpp.tls.TlsCertificate;

/** Runs the STUN/TURN server in this process, with the secret the API mints credentials from. */
@Component
class TurnRole implements SmartLifecycle {

    private final EnabledRoles roles;
    private final TurnServer server;
    private final RunningServices services;
    private final TurnSettings settings;
    private final String host;
    private volatile boolean running;

    TurnRole(EnabledRoles roles, TurnSettings settings, TlsCertificate serverCertificate, MeterRegistry meters, Clock clock,
             RunningServices services, org.switchboard.common.config.CoreSettings core) {
        this.roles = roles;
        this.settings = settings;
        this.server = new TurnServer(settings, ServerSslContexts.forServer(serverCertificate), meters, clock);
        this.services = services;
        this.host = core.domain();
    }

    @Override
    public void start() {
        if (!roles.has("turn")) {
            return;
        }
        server.start();
        services.register(new RunningServices.Endpoint("turn", "udp", host, server.udpPort()));
        services.register(new RunningServices.Endpoint("turn", "tcp", host, server.tcpPort()));
        services.register(new RunningServices.Endpoint("turn", "tls", host, server.tlsPort()));
        running = true;
    }

    @Override
    public void stop() {
        if (running) {
            server.close();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    TurnServer server() {
        return server;
    }
}
