package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.switchboard.api.push.PushSettings;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.muc.GroupStore;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushService;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.appserver.PushAppServer;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.StandardModules;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.xep.extdisco.ExternalServicesModule;
import org.switchboard.xmpp.xep.extdisco.TurnServices;

/**
 * Runs the XMPP server in this process; on shutdown every session gets a clean stream close. Adds XEP-0215
 * with the TURN secret the REST API mints from, so both hand out the same kind of credential, and lets the group
 * chat service follow the changes the REST API makes to groups.
 */
@Component
class XmppRole extends NetworkRole {

    private final XmppServer server;
    private final RunningServices services;
    private final XmppSettings settings;

    XmppRole(EnabledRoles roles, XmppSettings settings, AccountStore accounts, AuthenticationGuard guard,
             DatabaseClient db, RunningServices services, MeterRegistry meters, PushSettings push, PushDeviceStore pushDevices,
             PushService pushService, TurnSettings turn, Clock clock, GroupStore groups, SipSmsBridge sipSms,
             BlockedDomains blockedDomains) {
        super("xmpp", roles);
        this.settings = settings;
        // push.<domain> only when this server can push somewhere; else the name stays free for an external app server
        List<InternalComponent> extra = push.apns() == null && push.fcm() == null ? List.of()
                : List.of(new PushAppServer(settings.domain(), pushDevices, pushService));
        Set<String> appServers = extra.stream().map(InternalComponent::domain).collect(Collectors.toSet());
        List<XmppModule> modules = new ArrayList<>(StandardModules.create(settings, appServers));
        modules.add(new ExternalServicesModule(() -> turnServices(turn, services), clock));
        this.server = new XmppServer(settings, accounts, guard, db, modules, meters, extra);
        if (push.fcm() != null) {
            // SMS hosts are Android phones: FCM data pushes wake them when texts wait
            server.wakeSmsHostsWith(pushDevices, pushService);
        }
        // incoming SMS of people who chose SIP go to their SIP phones first (ADR 0042)
        server.offerSmsOverSip(sipSms);
        // groups changed over REST, by this process or another one (LISTEN/NOTIFY), take effect at once in the rooms
        // the server holds (ADR 0016)
        server.followRoomChanges(groups.changesEverywhere());
        // domains blocked over REST are refused, and their connections closed at once (ADR 0051)
        server.followBlockedDomains(blockedDomains);
        this.services = services;
    }

    /**
     * The TURN ports this process bound when it runs the TURN role (tests pick free ones), else the configured
     * ones of the TURN server elsewhere.
     */
    private TurnServices turnServices(TurnSettings turn, RunningServices running) {
        int port = boundPort(running, "udp", turn.port());
        int tlsPort = boundPort(running, "tls", turn.tlsPort());
        return new TurnServices(turn.clientHost(settings.domain()), port, tlsPort, turn.credentials(), turn.credentialTtl());
    }

    private static int boundPort(RunningServices running, String transport, int configured) {
        return running.list().stream()
                .filter(endpoint -> endpoint.name().equals("turn") && endpoint.transport().equals(transport))
                .mapToInt(RunningServices.Endpoint::port)
                .findFirst()
                .orElse(configured);
    }

    @Override
    protected void startServer() {
        server.start();
        services.register(new RunningServices.Endpoint("xmpp-c2s", "starttls", settings.domain(), server.c2sPort()));
        services.register(new RunningServices.Endpoint("xmpp-c2s", "tls", settings.domain(), server.directTlsPort()));
        services.register(new RunningServices.Endpoint("xmpp-component", "tcp", settings.domain(), server.componentPort()));
        if (server.httpsPort() > 0) {
            services.register(new RunningServices.Endpoint("xmpp-https", "tls", settings.domain(), server.httpsPort()));
        }
        if (server.servesWebSocket()) {
            // RFC 7395 at /ws on the HTTPS port; XEP-0156 host-meta there names the full URL
            services.register(new RunningServices.Endpoint("xmpp-websocket", "wss", settings.domain(), server.httpsPort()));
        }
        if (server.proxy65Port() > 0) {
            services.register(new RunningServices.Endpoint("xmpp-proxy65", "tcp", settings.domain(), server.proxy65Port()));
        }
        if (server.s2sPort() > 0) {
            services.register(new RunningServices.Endpoint("xmpp-s2s", "starttls", settings.domain(), server.s2sPort()));
            services.register(new RunningServices.Endpoint("xmpp-s2s", "tls", settings.domain(), server.s2sDirectTlsPort()));
        }
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
