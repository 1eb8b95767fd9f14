package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.TurnServer;
import org.switchboard.common.tls.ServerSslContexts;
import org.switchboard.common.tls.TlsCertificate;

/** Runs the STUN/TURN server in this process, with the secret the API mints credentials from. */
@Component
class TurnRole extends NetworkRole {

    private final TurnServer server;
    private final RunningServices services;
    private final String host;

    TurnRole(EnabledRoles roles, TurnSettings settings, TlsCertificate serverCertificate, MeterRegistry meters, Clock clock,
             RunningServices services, CoreSettings core) {
        super("turn", roles);
        this.server = new TurnServer(settings, ServerSslContexts.forServer(serverCertificate), meters, clock);
        this.services = services;
        this.host = core.domain();
    }

    @Override
    protected void startServer() {
        server.start();
        services.register(new RunningServices.Endpoint("turn", "udp", host, server.udpPort()));
        services.register(new RunningServices.Endpoint("turn", "tcp", host, server.tcpPort()));
        services.register(new RunningServices.Endpoint("turn", "tls", host, server.tlsPort()));
    }

    @Override
    protected void stopServer() {
        server.close();
    }
}
