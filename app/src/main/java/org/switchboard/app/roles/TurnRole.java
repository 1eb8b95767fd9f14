package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountChange;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.TurnServer;
import org.switchboard.common.tls.ServerSslContexts;
import org.switchboard.common.tls.TlsCertificate;
import reactor.core.Disposable;

/**
 * Runs the STUN/TURN server in this process, with the secret the API mints credentials from, and ends the
 * allocations and older credentials of an account that is locked, deleted or given a new password.
 */
@Component
class TurnRole extends NetworkRole {

    private static final Logger log = LoggerFactory.getLogger(TurnRole.class);

    private final TurnServer server;
    private final RunningServices services;
    private final String host;
    private final AccountStore accounts;
    private final Clock clock;
    private Disposable accountChanges;

    TurnRole(EnabledRoles roles, TurnSettings settings, TlsCertificate serverCertificate, MeterRegistry meters, Clock clock,
             RunningServices services, CoreSettings core, AccountStore accounts) {
        super("turn", roles);
        this.server = new TurnServer(settings, ServerSslContexts.forServer(serverCertificate), meters, clock);
        this.services = services;
        this.host = core.domain();
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected void startServer() {
        // Subscribed first, so a change made while the listeners bind is not missed.
        accountChanges = accounts.changes().subscribe(this::accountChanged,
                error -> log.error("TURN no longer hears account changes: {}", error.toString()));
        server.start();
        services.register(RunningServices.Endpoint.turn("udp", host, server.udpPort()));
        services.register(RunningServices.Endpoint.turn("tcp", host, server.tcpPort()));
        services.register(RunningServices.Endpoint.turn("tls", host, server.tlsPort()));
    }

    /**
     * The credentials minted by the API name the account's localpart as their user. A role change leaves them:
     * TURN grants the same to every role.
     */
    private void accountChanged(AccountChange change) {
        if (change.kind() != AccountChange.Kind.ROLES_CHANGED) {
            server.revoke(change.localpart(), clock.instant());
        }
    }

    @Override
    protected void stopServer() {
        if (accountChanges != null) {
            accountChanges.dispose();
        }
        server.close();
    }
}
