package org.switchboard.xmpp.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.RememberedAccounts;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushService;
import org.switchboard.common.sms.outbox.OutboxListener;
import org.switchboard.common.sms.outbox.OutboxStore;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import org.switchboard.common.sms.sip.SmsOverSip;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.sms.protocol.HostProtocol;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.commands.CommandsModule;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.upload.LocalUploads;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The SMS gateway {@code sms.<domain>} (DESIGN.md "SMS gateway"), an in-process component (ADR 0020): sorts
 * each stanza to the part that handles it, keeps the periodic sweep, and ties host arrivals and departures
 * to presence, health notices and dispatching. It is also the {@link OutboxListener} of the outbox, so a
 * message queued in this process leaves at once.
 */
public final class SmsGateway implements InternalComponent, OutboxListener {

    private static final Logger log = LoggerFactory.getLogger(SmsGateway.class);

    private final String domain;
    private final SmsSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Parts parts;
    private volatile Disposable sweeper;
    private volatile HostWakeUp wakeUp;
    private volatile LocalUploads uploads;
    private volatile SmsOverSip overSip = SmsOverSip.NONE;

    /** What exists once the server runs. */
    private record Parts(Gateway gateway, OutcomeNotices notices, ContactPresence presence, HostHealth health,
                         OutboxDispatcher dispatcher, PersonMessages persons, HostRequests hosts, GatewayCommands commands,
                         GatewayDisco disco, HostPipelines pipelines) {
    }

    public SmsGateway(String serverDomain, SmsSettings settings, MeterRegistry meters, Clock clock) {
        this.domain = SmsSettings.gatewayDomain(serverDomain);
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** The upload service whose files may go out as MMS media; without one, MMS are refused. */
    public void useUploads(LocalUploads localUploads) {
        this.uploads = localUploads;
    }

    /** Incoming texts of people who chose SIP for SMS are offered to their phones first (ADR 0042). */
    public void offerOverSip(SmsOverSip sip) {
        this.overSip = sip;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public List<XmppModule> modules() {
        return List.of(new HostSessionWatch(this::sessionLost));
    }

    /**
     * Hosts that are away while messages wait for them get a data push through {@code push} (issue 12): set
     * before {@link #start} when this process can push.
     */
    public void wakeHostsWith(PushDeviceStore devices, PushService push, DatabaseClient database) {
        this.wakeUp = new HostWakeUp(new HostStore(database), devices, push, settings.wakeInterval(), clock, meters);
    }

    @Override
    public void start(ModuleContext server) {
        Gateway gateway = new Gateway(Jid.domainJid(domain), settings, server, new HostStore(server.database()), new OnlineHosts(),
                new OutboxStore(server.database()), new SendingSims(server.database()));
        OutcomeNotices notices = new OutcomeNotices(gateway);
        HostHealth health = new HostHealth(gateway, clock, meters);
        GatewayCommands commands = new GatewayCommands(gateway, new SmsCommands(gateway).all());
        Parts built = new Parts(gateway, notices, new ContactPresence(gateway), health,
                new OutboxDispatcher(gateway, notices, clock, this::sessionLost, Schedulers.parallel()),
                new PersonMessages(gateway, new SmsSubmitter(gateway.outbox(), gateway.sims(), this),
                        new OutgoingMedia(() -> uploads, settings.mmsMaxBytes()), new RememberedAccounts(server.accounts()), notices),
                new HostRequests(gateway, notices, new InboundMessages(gateway, new InboundStore(server.database()), () -> overSip), this::arrived),
                commands, new GatewayDisco(gateway, commands), new HostPipelines(settings.workLimit(), Schedulers.parallel()));
        parts = built;
        notices.catchUp().then(health.start()).subscribe(null, e -> log.warn("SMS gateway start-up work failed", e));
        sweeper = Sweeps.every(settings.sweepInterval(), settings.workLimit(), Schedulers.parallel(), () -> sweep(built));
        log.info("SMS gateway {} started (expiry {}, host offline notice after {})", domain, settings.expiry(), settings.offlineNotice());
    }

    @Override
    public void stop() {
        Disposable running = sweeper;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        Parts p = parts;
        if (stanza.isMessage()) {
            return p.persons().handle(stanza);
        }
        if (stanza.isPresence()) {
            return p.presence().handle(stanza);
        }
        if (!stanza.isIqRequest()) {
            return p.pipelines().run(stanza.from(), p.dispatcher().answered(stanza).then());
        }
        Element payload = stanza.iqChild();
        String namespace = payload == null ? "" : payload.namespace();
        if (HostProtocol.NAMESPACE.equals(namespace)) {
            // reports are taken in any order; incoming texts and calls keep the order the host sent them in
            return "report".equals(payload.name()) || "reports".equals(payload.name()) ? p.pipelines().run(stanza.from(), p.hosts().handle(stanza))
                    : p.hosts().handle(stanza);
        }
        if (DiscoModule.INFO.equals(namespace) && "get".equals(stanza.type())) {
            return p.disco().info(stanza);
        }
        if (DiscoModule.ITEMS.equals(namespace) && "get".equals(stanza.type())) {
            return p.disco().items(stanza);
        }
        if (GatewayDisco.GATEWAY.equals(namespace) && stanza.to().localpart() == null) {
            return p.disco().gateway(stanza);
        }
        if (CommandsModule.NAMESPACE.equals(namespace) && stanza.to().localpart() == null) {
            return p.commands().handle(stanza);
        }
        return p.gateway().send(stanza.errorReply(org.switchboard.xmpp.stanza.StanzaError.SERVICE_UNAVAILABLE));
    }

    /** A message was committed to the outbox (here or through the API in this process): send it if the host is there. */
    @Override
    public void queued(UUID hostId) {
        Parts p = parts;
        if (p != null) {
            if (p.gateway().online().get(hostId).isPresent()) {
                p.dispatcher().dispatch(hostId);
            } else {
                wake(hostId).subscribe();
            }
        }
    }

    /** A data push to a host that is away while messages wait (rate-limited per host), when this process can push. */
    private Mono<Void> wake(UUID hostId) {
        HostWakeUp waking = wakeUp;
        return waking == null ? Mono.empty() : waking.wake(hostId).onErrorResume(e -> {
            log.warn("waking SMS host {} failed; the next sweep tries again", hostId, e);
            return Mono.empty();
        });
    }

    private Mono<Void> arrived(HostStore.Host host, Jid session) {
        Parts p = parts;
        boolean wasAway = !p.gateway().online().ownerReachable(host.ownerId());
        p.gateway().online().online(host, session);
        HostWakeUp waking = wakeUp;
        if (waking != null) {
            waking.arrived(host.id());
        }
        Mono<Void> presence = wasAway ? p.presence().hostChanged(host.ownerId(), host.ownerLocalpart()) : Mono.empty();
        return presence.then(p.health().back(host))
                .doOnTerminate(() -> queued(host.id()))
                .onErrorResume(e -> {
                    log.warn("announcing SMS host {} failed", host.id(), e);
                    return Mono.empty();
                });
    }

    /** A session ended or bounced a command: if it was a host's, the host is away. */
    private Mono<Void> sessionLost(Jid session) {
        Parts p = parts;
        if (p == null) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(p.gateway().online().offline(session))
                .flatMap(online -> {
                    p.dispatcher().hostGone(online.hostId());
                    return p.gateway().hosts().byId(online.hostId());
                })
                .flatMap(host -> {
                    p.health().left(host);
                    return p.gateway().online().ownerReachable(host.ownerId()) ? Mono.<Void>empty()
                            : p.presence().hostChanged(host.ownerId(), host.ownerLocalpart());
                });
    }

    /**
     * Expiry, resends, host notices, outcome notices nobody got, gauges: each step on its own, so one that
     * fails is logged and the others still run (a failed resend step must not wait for an expiry to succeed).
     */
    private Mono<Void> sweep(Parts p) {
        Gateway gateway = p.gateway();
        Mono<Void> expire = gateway.outbox().expire(settings.expiry()).concatMap(message -> p.notices().notify(message)
                .onErrorResume(e -> {
                    log.warn("telling the sender that SMS {} expired failed; the catch-up tells them later", message.publicId(), e);
                    return Mono.empty();
                })).then();
        Mono<Void> resend = Flux.fromIterable(p.dispatcher().expireUnanswered())
                .concatWith(gateway.outbox().hostsWithPending())
                .distinct()
                .concatMap(host -> {
                    if (gateway.online().get(host).isPresent()) {
                        p.dispatcher().dispatch(host);
                        return Mono.empty();
                    }
                    return wake(host); // also for messages queued by an API in another process
                })
                .then();
        return step("expiry", expire).then(step("resend", resend)).then(step("host notices", p.health().sweep()))
                .then(step("outcome catch-up", p.notices().catchUp())).then(step("gauges", p.health().refreshGauges()));
    }

    private static Mono<Void> step(String name, Mono<Void> work) {
        return work.onErrorResume(e -> {
            log.warn("SMS gateway sweep: {} failed; the next sweep tries again", name, e);
            return Mono.empty();
        });
    }
}
