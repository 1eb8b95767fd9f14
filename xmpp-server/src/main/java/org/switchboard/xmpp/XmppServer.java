package org.switchboard.xmpp;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.muc.RoomChange;
import org.switchboard.common.sms.outbox.OutboxListener;
import org.switchboard.xmpp.component.ComponentRegistry;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.component.ComponentStream;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.module.StandardModules;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.routing.ClientStanzas;
import org.switchboard.xmpp.routing.LocalDelivery;
import org.switchboard.xmpp.routing.LocalRouter;
import org.switchboard.xmpp.metrics.XmppMetrics;
import org.switchboard.xmpp.routing.StanzaRouter;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.xmpp.s2s.S2sService;
import org.switchboard.xmpp.sasl.UnknownUserCredentials;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.sms.SmsGateway;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushService;
import org.switchboard.xmpp.xep.bytestreams.Proxy65Service;
import org.switchboard.xmpp.xep.muc.MucComponent;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.session.SessionRegistry;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.stream.C2sStream;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.stream.SessionKeeper;
import org.switchboard.xmpp.stream.StreamDependencies;
import org.switchboard.xmpp.stream.StreamTransport;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.ServerSslContexts;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.xmpp.transport.IdleTimes;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.transport.Listener;
import org.switchboard.xmpp.http.HttpServer;
import org.switchboard.xmpp.xep.upload.UploadService;
import org.switchboard.xmpp.xep.register.InBandRegistration;
import org.switchboard.xmpp.xep.offline.OfflineModule;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import org.switchboard.xmpp.xep.register.RegistrationLimit;
import org.switchboard.xmpp.xep.sm.Redelivery;
import org.switchboard.xmpp.xep.sm.Resumptions;

/**
 * The XMPP server: client ports (STARTTLS and direct TLS), the component port, the modules of
 * {@link StandardModules}, routing and sessions. {@link #start()} binds, {@link #close()} ends every
 * stream cleanly and stops.
 */
public final class XmppServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(XmppServer.class);

    private final XmppSettings settings;
    private final StreamDependencies deps;
    private final ModuleRegistry modules;
    private final ServerContext context;
    private final Set<XmppStream> active = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private TlsCertificate certificate;
    private Listener c2s;
    private Listener directTls;
    private Listener component;
    private final S2sService s2s;
    private final SmsGateway smsGateway;
    private final UploadService upload;
    private final Proxy65Service proxy65;
    private HttpServer https;
    private final AccountStore accounts;
    private Disposable accountChanges;
    private final AccountSessions accountSessions;

    public XmppServer(XmppSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient database,
                      MeterRegistry meters) {
        this(settings, accounts, guard, database, StandardModules.create(settings), meters);
    }

    /** With an explicit module list, for embedding with extra modules. */
    public XmppServer(XmppSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient database,
                      List<XmppModule> modules, MeterRegistry meters) {
        this(settings, accounts, guard, database, modules, meters, List.of());
    }

    /**
     * With internal components built outside this module besides the SMS gateway, such as the push app
     * server {@code push.<domain>}, which needs the push service of the process it runs in.
     */
    public XmppServer(XmppSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient database,
                      List<XmppModule> modules, MeterRegistry meters, List<InternalComponent> extraComponents) {
        this.settings = settings;
        this.accounts = accounts;
        BuiltInComponents builtIn = BuiltInComponents.create(settings, database, meters);
        this.smsGateway = builtIn.smsGateway();
        this.upload = builtIn.upload();
        this.proxy65 = builtIn.proxy65();
        List<InternalComponent> internal = new ArrayList<>(builtIn.all());
        internal.addAll(extraComponents);
        List<XmppModule> all = new ArrayList<>(modules);
        internal.forEach(component -> all.addAll(component.modules()));
        // members away from a room are pushed like the recipients of direct messages (issue 15)
        modules.stream().filter(PushModule.class::isInstance).map(PushModule.class::cast).findFirst()
                .ifPresent(push -> internal.stream().filter(MucComponent.class::isInstance)
                        .forEach(muc -> ((MucComponent) muc).pushAwayMembersWith(push)));
        ModuleRegistry registry = new ModuleRegistry(all);
        SessionRegistry sessions = new SessionRegistry();
        ComponentRegistry components = new ComponentRegistry(settings.components(), internal);
        LocalRouter router = new LocalRouter(settings.domain(), registry, components, new LocalDelivery(sessions));
        ServerContext context = new ServerContext(Jid.domainJid(settings.domain()), Optional.empty(), router, sessions,
                accounts, database, meters, () -> registry);
        router.context(context);
        this.s2s = settings.s2s().enabled() ? new S2sService(settings.s2s(), settings.domain(),
                domain -> components.internal(domain) != null || components.isComponentDomain(domain), router, meters) : null;
        this.modules = registry;
        this.context = context;
        this.deps = new StreamDependencies(settings.domain(), settings.tls().starttlsRequired(), accounts, guard,
                new UnknownUserCredentials(settings.passwordIterations()),
                new ConnectionLimiter(settings.clientLimits().maxUnauthenticatedPerAddress(), settings.clientLimits().maxUnauthenticated()),
                settings.clientLimits().negotiationTimeout(),
                sessions, router, new ClientStanzas(router, registry, context), registry, context, components,
                new InBandRegistration(settings.registrationOpen(), accounts),
                new RegistrationLimit(settings.clientLimits().registrationsPerHour(), Clock.systemUTC()),
                new XmppMetrics(meters, active::size, sessions::count),
                new SessionKeeper(sessions, registry, context,
                        new Redelivery(context, new OfflineStore(database, OfflineModule.DEFAULT_MAX_PER_ACCOUNT)),
                        new Resumptions(), settings.sessionTimeouts()));
        this.accountSessions = new AccountSessions(settings.domain(), sessions);
    }

    /** Incoming SMS of people who chose SIP go to their SIP phones first (ADR 0042); without this, all go as chat. */
    public void offerSmsOverSip(org.switchboard.common.sms.sip.SmsOverSip sip) {
        if (smsGateway != null) {
            smsGateway.offerOverSip(sip);
        }
    }

    /**
     * Lets the SMS gateway wake hosts that are away while messages wait for them, by a data push (issue 12);
     * call before {@link #start} when this process can push.
     */
    public void wakeSmsHostsWith(PushDeviceStore devices, PushService push) {
        if (smsGateway != null) {
            smsGateway.wakeHostsWith(devices, push, context.database());
        }
    }

    public synchronized void start() {
        if (boss != null) {
            throw new IllegalStateException("already started");
        }
        TlsSettings tls = settings.tls();
        certificate = CertificateProvider.resolve(tls.certificatePem(), tls.keyPem(), settings.dataDir(), settings.domain());
        SslContext ssl = ServerSslContexts.forServer(certificate);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Listeners at = settings.listeners();
            ClientLimits limits = settings.clientLimits();
            // a quiet client is pinged (XEP-0199) long before it would be closed for silence
            IdleTimes clients = new IdleTimes(settings.sessionTimeouts().pingIdle(), limits.idleTimeout());
            c2s = listen(at.bindAddress(), at.c2sPort(), ssl, false, limits.inputRate(), clients,
                    transport -> new C2sStream(transport, deps));
            directTls = listen(at.bindAddress(), at.directTlsPort(), ssl, true, limits.inputRate(), clients,
                    transport -> new C2sStream(transport, deps));
            // components are the operator's own gateways: they carry many users' traffic and are not limited
            component = listen(at.componentBindAddress(), at.componentPort(), ssl, false, InputRate.UNLIMITED,
                    IdleTimes.closeAfter(limits.idleTimeout()),
                    transport -> new ComponentStream(transport, deps.components(), deps.router(), settings.domain()));
            if (s2s != null) {
                deps.router().remote(s2s.start(boss, workers, certificate, at.bindAddress(), limits.xml(), active,
                        deps.metrics()::heldBack));
            }
            https = HttpsServices.bind(settings, boss, workers, at.bindAddress(), ssl, clients, upload, deps, active);
            if (proxy65 != null) {
                proxy65.bind(boss, workers);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding the XMPP ports", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        modules.serverStarted(context);
        accountChanges = accounts.changes().subscribe(accountSessions::changed);
        deps.components().internalComponents().forEach(internal -> internal.start(deps.context()));
        log.info("XMPP server for {} on {}: c2s {}, direct TLS {}; components on {}:{} ({} configured)", settings.domain(),
                settings.listeners().bindAddress(), c2s.port(), directTls.port(), settings.listeners().componentBindAddress(), component.port(),
                settings.components().size());
    }

    private Listener listen(String address, int port, SslContext ssl, boolean tls, InputRate inputRate, IdleTimes idle,
                            Function<StreamTransport, XmppStream> streams) throws InterruptedException {
        Listener listener = Listener.bind(boss, workers, address, port, ssl, tls, settings.clientLimits().xml(), inputRate,
                deps.metrics()::heldBack, idle, streams, active);
        listeners.add(listener);
        return listener;
    }

    public int c2sPort() {
        return c2s.port();
    }

    public int directTlsPort() {
        return directTls.port();
    }

    /** The port peers connect to with STARTTLS, or -1 when federation is off. */
    public int s2sPort() {
        return s2s == null ? -1 : s2s.port();
    }

    /** The direct TLS port for peers (XEP-0368), or -1 when federation is off. */
    public int s2sDirectTlsPort() {
        return s2s == null ? -1 : s2s.directTlsPort();
    }

    public int componentPort() {
        return component.port();
    }

    /** The HTTPS port (uploads, WebSocket), or -1 when no service needs one. */
    public int httpsPort() {
        return https == null ? -1 : https.port();
    }

    /** Whether the HTTPS port serves XMPP over WebSocket at {@code /ws} (ADR 0033). */
    public boolean servesWebSocket() {
        return https != null && settings.http().websocket();
    }

    /** The SOCKS5 port of the file-transfer proxy (XEP-0065), or -1 when it is off. */
    public int proxy65Port() {
        return proxy65 == null ? -1 : proxy65.port();
    }

    /** The certificate the server presents (its fingerprint is logged at start). */
    public TlsCertificate certificate() {
        return certificate;
    }

    public SessionDirectory sessions() {
        return deps.sessions();
    }

    /**
     * Ends every session of the account {@code localpart} at once with the stream error {@code condition}
     * ({@link AccountSessions#end}); returns how many sessions were ended.
     */
    public int endSessions(String localpart, StreamError condition, String text) {
        return accountSessions.end(localpart, condition, text);
    }

    /** For other parts of the application that need to send stanzas (e.g. the SMS component in-process). */
    public StanzaRouter router() {
        return deps.router();
    }

    /**
     * Where the REST API in this process tells the SMS gateway that it queued a message
     * ({@link org.switchboard.common.sms.outbox.SmsSubmitter}); {@link OutboxListener#NONE} when the gateway is off.
     */
    public OutboxListener smsOutboxListener() {
        return smsGateway == null ? OutboxListener.NONE : smsGateway;
    }

    /**
     * Lets the group chat service apply the room changes the REST API commits (ADR 0016; in this process or, with
     * {@code GroupStore.changesEverywhere}, in any) to the rooms it holds in memory, and give new members the room as a bookmark in their PEP; call before {@link #start}.
     * Nothing happens when the service is off.
     */
    public void followRoomChanges(Flux<RoomChange> changes) {
        PepModule pep = modules.modules().stream().filter(PepModule.class::isInstance).map(PepModule.class::cast).findFirst().orElse(null);
        deps.components().internalComponents().stream().filter(MucComponent.class::isInstance)
                .forEach(muc -> ((MucComponent) muc).follow(changes, pep));
    }

    /**
     * Lets federation follow the remote domains admins block over the REST API (ADR 0051): refused from the start,
     * and a new block closes the domain's connections at once; call before {@link #start}. Nothing happens when
     * federation is off.
     */
    public void followBlockedDomains(BlockedDomains blocks) {
        if (s2s != null) {
            s2s.follow(blocks);
        }
    }

    /**
     * Stops accepting, sends {@code system-shutdown} and {@code </stream:stream>} to every stream, and stops once
     * every session has ended: what sessions held is stored and their contacts told, so the database may close next.
     */
    @Override
    public synchronized void close() {
        if (accountChanges != null) {
            accountChanges.dispose();
            accountChanges = null;
        }
        if (boss == null) {
            return;
        }
        listeners.forEach(Listener::close);
        listeners.clear();
        if (s2s != null) {
            s2s.close();
        }
        if (https != null) {
            https.close();
            https = null;
        }
        deps.components().internalComponents().forEach(InternalComponent::stop);
        try {
            deps.keeper().endDetached().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Sessions waiting for resumption could not all be ended cleanly", e);
        }
        modules.serverStopping();
        CountDownLatch closing = new CountDownLatch(active.size());
        for (XmppStream stream : List.copyOf(active)) {
            stream.execute(() -> {
                stream.shutdown();
                closing.countDown();
            });
        }
        try {
            closing.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the quiet period lets the closing tags written above reach the peers
        workers.shutdownGracefully(200, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        boss = null;
        // every connection is closed now and its session's ending begun; the database must outlive those endings
        try {
            deps.keeper().settled().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Sessions could not all be ended within 5 s of closing", e);
        }
        log.info("XMPP server for {} stopped", settings.domain());
    }
}
