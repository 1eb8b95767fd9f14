package org.switchboard.app.roles;

import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.SipGateway;
import org.switchboard.sip.SipSettings;

/**
 * Runs the SIP registrar and proxy in this process, with the account store and lockout of every other
 * protocol and the one server certificate for SIP over TLS.
 */
@Component
class SipRole extends NetworkRole {

    private final SipGateway gateway;
    private final RunningServices services;
    private final SipSettings settings;

    SipRole(EnabledRoles roles, SipSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient db,
            TlsCertificate serverCertificate, RunningServices services, Clock clock) {
        super("sip", roles);
        this.settings = settings;
        this.gateway = new SipGateway(settings, accounts, guard, db, serverCertificate, clock);
        this.services = services;
    }

    @Override
    protected void startServer() {
        gateway.start();
        register("udp", gateway.udpPort());
        register("tcp", gateway.tcpPort());
        register("tls", gateway.tlsPort());
    }

    private void register(String transport, int port) {
        if (port > 0) {
            services.register(new RunningServices.Endpoint("sip", transport, settings.host(), port));
        }
    }

    @Override
    protected void stopServer() {
        gateway.close();
    }
}
