package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.api.push.PushSettings;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushService;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.appserver.PushAppServer;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.StandardModules;

/** Runs the XMPP server in this process; on shutdown every session gets a clean stream close. */
@Component
class XmppRole extends NetworkRole {

    private final XmppServer server;
    private final RunningServices services;
    private final XmppSettings settings;

    XmppRole(EnabledRoles roles, XmppSettings settings, AccountStore accounts, AuthenticationGuard guard,
             DatabaseClient db, RunningServices services, MeterRegistry meters, PushSettings push, PushDeviceStore pushDevices,
             PushService pushService) {
        super("xmpp", roles);
        this.settings = settings;
        // push.<domain> only when this server can push somewhere; else the name stays free for an external app server
        List<InternalComponent> extra = push.apns() == null && push.fcm() == null ? List.of()
                : List.of(new PushAppServer(settings.domain(), pushDevices, pushService));
        Set<String> appServers = extra.stream().map(InternalComponent::domain).collect(Collectors.toSet());
        this.server = new XmppServer(settings, accounts, guard, db, StandardModules.create(settings, appServers), meters, extra);
        this.services = services;
    }

    @Override
    protected void startServer() {
        server.start();
        services.register(new RunningServices.Endpoint("xmpp-c2s", "starttls", settings.domain(), server.c2sPort()));
        services.register(new RunningServices.Endpoint("xmpp-c2s", "tls", settings.domain(), server.directTlsPort()));
        services.register(new RunningServices.Endpoint("xmpp-component", "tcp", settings.domain(), server.componentPort()));
    }

    /** The server of this role; it only listens while {@link #isRunning()}. */
    XmppServer server() {
        return server;
    }

    @Override
    protected void stopServer() {
        server.close();
    }
}
