package org.switchboard.app.roles;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.switchboard.api.push.PushSettings;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.Environment;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushService;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.SipGateway;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.message.MessageLinks;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.trunk.TrunkSettings;
import org.switchboard.sip.websocket.WebSocketSettings;

/**
 * Runs the SIP registrar and proxy in this process, with the account store and lockout of every other
 * protocol, the one server certificate for SIP over TLS, the one push service for RFC 8599 calls, and the SMS
 * outbox and XMPP router for MESSAGEs (RFC 3428).
 */
@Component
class SipRole extends NetworkRole {

    private final SipGateway gateway;
    private final RunningServices services;
    private final SipSettings settings;
    private final SipSmsBridge sipSms;

    SipRole(EnabledRoles roles, SipSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient db,
            TlsCertificate serverCertificate, RunningServices services, PushSettings push, PushService pushService, MeterRegistry meters,
            Clock clock, SmsOutboxSignal outbox, SipTextChat chat, Environment environment, SipSmsBridge sipSms,
            WebSocketSettings webSocket) {
        super("sip", roles);
        this.settings = settings;
        this.sipSms = sipSms;
        // texting (RFC 3428): the one SMS outbox and the XMPP router of this process (ADR 0042)
        MessageLinks links = new MessageLinks(outbox, environment.string("SWITCHBOARD_SMS_DEFAULT_REGION", "US"), chat);
        this.gateway = new SipGateway(settings, accounts, guard, db, serverCertificate, clock, sipPush(push, pushService), links)
                .webSocket(webSocket).trunk(TrunkSettings.from(environment));
        this.gateway.meters(meters);
        this.services = services;
    }

    /** RFC 8599 push through the process's push service, for the providers it has credentials for. */
    private static SipPush sipPush(PushSettings push, PushService service) {
        Set<PushPlatform> platforms = EnumSet.noneOf(PushPlatform.class);
        if (push.apns() != null) {
            platforms.add(PushPlatform.APNS);
        }
        if (push.fcm() != null) {
            platforms.add(PushPlatform.FCM);
        }
        return platforms.isEmpty() ? SipPush.NONE
                : new SipPush(service, platforms, push.apns() == null ? Set.of() : Set.copyOf(push.apns().topics()));
    }

    @Override
    protected void startServer() {
        gateway.start();
        sipSms.use(gateway.phoneTexts());
        register("udp", gateway.udpPort());
        register("tcp", gateway.tcpPort());
        register("tls", gateway.tlsPort());
        register("ws", gateway.wsPort());
        register("wss", gateway.wssPort());
    }

    private void register(String transport, int port) {
        if (port > 0) {
            services.register(RunningServices.Endpoint.sip(transport, settings.host(), port));
        }
    }

    @Override
    protected void stopServer() {
        sipSms.use(null);
        gateway.close();
    }
}
