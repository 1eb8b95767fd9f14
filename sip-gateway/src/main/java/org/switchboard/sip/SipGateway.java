package org.switchboard.sip;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountChange;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.db.NoticeListener;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.cdr.CallLog;
import org.switchboard.sip.cdr.CallRecords;
import org.switchboard.sip.digest.CredentialCache;
import org.switchboard.sip.digest.DigestAuthenticator;
import org.switchboard.sip.digest.Nonces;
import org.switchboard.sip.limits.Backlog;
import org.switchboard.sip.limits.PushLimiter;
import org.switchboard.sip.limits.SipLimits;
import org.switchboard.sip.limits.SourceGate;
import org.switchboard.sip.limits.SourceLimiter;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.metrics.SipMetrics;
import org.switchboard.sip.message.MessageLinks;
import org.switchboard.sip.message.MessageRouter;
import org.switchboard.sip.message.PhoneTexts;
import org.switchboard.sip.proxy.CallerAuthentication;
import org.switchboard.sip.proxy.Proxy;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.push.WokenPhones;
import org.switchboard.sip.registrar.Registrar;
import org.switchboard.sip.transport.SipTransport;
import org.switchboard.sip.trunk.Dids;
import org.switchboard.sip.trunk.Trunk;
import org.switchboard.sip.trunk.TrunkRegistration;
import org.switchboard.sip.trunk.TrunkSettings;
import org.switchboard.sip.websocket.WebSocketSettings;
import reactor.core.Disposable;

/** The SIP role: its listeners, registrar and proxy, started by {@link #start()} and stopped by {@link #close()}. */
public final class SipGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipGateway.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);
    private static final Duration LISTEN_FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LISTEN_LONGEST_PAUSE = Duration.ofMinutes(1);

    private final SipSettings settings;
    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final LocationStore location;
    private final TlsCertificate certificate;
    private final Clock clock;
    private final SipPush push;
    private final DatabaseClient db;
    private final MessageLinks links;
    private final WokenPhones woken = new WokenPhones();
    private final CallRecords callRecords;
    private SipMetrics metrics = SipMetrics.none();
    private SourceLimiter sources;
    private WebSocketSettings webSocket = WebSocketSettings.OFF;
    private TrunkSettings trunk = TrunkSettings.OFF;
    private TrunkRegistration trunkRegistration;
    private SipTransport transport;
    private ScheduledExecutorService timers;
    private Disposable accountChanges;
    private Disposable authChanges;
    private volatile CredentialCache credentials = CredentialCache.none();
    private volatile PhoneTexts phoneTexts;

    public SipGateway(SipSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient db,
                      TlsCertificate certificate, Clock clock) {
        this(settings, accounts, guard, db, certificate, clock, SipPush.NONE);
    }

    /** With push (RFC 8599): {@code push} names the process's push service and the services it has credentials for. */
    public SipGateway(SipSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient db,
                      TlsCertificate certificate, Clock clock, SipPush push) {
        this(settings, accounts, guard, db, certificate, clock, push, MessageLinks.NONE);
    }

    /** With texting (RFC 3428): {@code links} tie MESSAGEs to this process's SMS outbox and XMPP server. */
    public SipGateway(SipSettings settings, AccountStore accounts, AuthenticationGuard guard, DatabaseClient db,
                      TlsCertificate certificate, Clock clock, SipPush push, MessageLinks links) {
        this.push = push;
        this.db = db;
        this.links = links;
        this.settings = settings;
        this.accounts = accounts;
        this.guard = guard;
        this.location = new LocationStore(db);
        this.callRecords = new CallRecords(db, settings.domain());
        this.certificate = certificate;
        this.clock = clock;
    }

    /** Registers the gateway's meters (ADR 0043) in {@code registry}; before {@link #start()}. */
    public synchronized void meters(MeterRegistry registry) {
        this.metrics = new SipMetrics(registry);
    }

    /** Adds the WebSocket listeners of RFC 7118 for browser phones; before {@link #start()}. */
    public synchronized SipGateway webSocket(WebSocketSettings listeners) {
        this.webSocket = listeners;
        return this;
    }

    /** Sends calls to phone numbers through this trunk (ADR 0046); before {@link #start()}. */
    public synchronized SipGateway trunk(TrunkSettings settings) {
        this.trunk = settings;
        return this;
    }

    public synchronized void start() {
        SipDispatcher dispatcher = new SipDispatcher();
        transport = SipTransport.open(settings, webSocket, certificate, dispatcher);
        ScheduledThreadPoolExecutor timerThread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sip-timers");
            thread.setDaemon(true);
            return thread;
        });
        // every call's ring timer (Timer C, 120 s) is cancelled when it is answered: without this each cancelled one
        // stayed queued until its time, 100,000 of them at 1,000 calls a second, every new timer sifting past them
        timerThread.setRemoveOnCancelPolicy(true);
        timers = timerThread;
        Nonces nonces = new Nonces(settings.nonceLifetime(), clock);
        SipLimits limits = settings.limits();
        Backlog backlog = new Backlog(limits.maxPending());
        // the listener and the cache live as long as the gateway: a stopped gateway hears nothing and keeps nothing
        NoticeListener authNotices = new NoticeListener(db.getConnectionFactory(), CredentialCache.CHANNEL, LISTEN_FIRST_PAUSE, LISTEN_LONGEST_PAUSE);
        credentials = new CredentialCache(accounts.domain(), authNotices::listening);
        authChanges = authNotices.notices().subscribe(credentials::heard, error -> log.error("listening for credential changes ended", error));
        DigestAuthenticator authenticator = new DigestAuthenticator(accounts, guard, nonces, backlog, credentials);
        SipTransport stack = transport;   // the meter may be read after close() has let go of the field
        metrics.overloadRefusals("queue", stack::shedRequests);
        metrics.overloadRefusals("database", backlog::refused);
        sources = new SourceLimiter(limits, clock);
        PushLimiter pushLimit = new PushLimiter(limits.pushesPerMinute(), clock, metrics::pushLimited);
        CallLog calls = new CallLog(callRecords, metrics, clock, limits.callsPerAccount());
        dispatcher.wire(transport.messages(),
                new Registrar(settings, transport.messages(), nonces, authenticator, location, clock, push, woken, metrics),
                new Proxy(settings, transport.messages(), location, clock, timers, certificate.privateKey(), nonces, authenticator,
                        push, woken, calls, pushLimit, new Trunk(trunk, settings.domain(), settings.host()), new Dids(db, settings.domain())),
                new SourceGate(sources, limits, transport.messages(), metrics),
                new MessageRouter(settings, transport.messages(), new CallerAuthentication(settings, transport.messages(), nonces,
                        authenticator), accounts, location, clock, new SmsSubmitter(db, links.outbox()), new SendingSims(db), links));
        phoneTexts = new PhoneTexts(settings.domain(), transport.messages(), location, db, clock);
        accountChanges = accounts.changes().subscribe(this::accountChanged);
        timers.scheduleWithFixedDelay(() -> location.sweep(clock.instant()).subscribe(swept -> { }, error ->
                log.warn("sweeping expired SIP registrations failed: {}", error.toString())),
                SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
        long window = limits.sourceWindow().toMillis();
        timers.scheduleWithFixedDelay(() -> {
            sources.sweep();
            pushLimit.sweep();
        }, window, window, TimeUnit.MILLISECONDS);
        // an attempt cannot ring longer than Timer C and a push wait; one still open after that lost its process
        Duration longestRing = settings.ringTimeout().plus(settings.pushWait()).plusMinutes(1);
        timers.scheduleWithFixedDelay(() -> callRecords.sweep(limits.cdrRetention(), longestRing, clock.instant()).subscribe(
                deleted -> log.debug("{} call records past their retention deleted", deleted),
                error -> log.warn("sweeping SIP call records failed: {}", error.toString())),
                5, SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
        if (trunk.login() != null && trunk.login().register()) {
            trunkRegistration = new TrunkRegistration(transport.messages(), trunk, timers, metrics);
            trunkRegistration.start();
        }
        log.info("SIP gateway for {} on UDP {}, TCP {}, TLS {}, WS {}, WSS {}", settings.domain(), udpPort(), tcpPort(), tlsPort(),
                wsPort(), wssPort());
    }

    /** A locked account, a new password or a deleted account: its phones must authenticate again (DESIGN.md). */
    private void accountChanged(AccountChange change) {
        // this process's own changes are acted on at once, not when their notice comes back (ADR 0056)
        credentials.accountChanged(change.localpart());
        if (change.kind() == AccountChange.Kind.ROLES_CHANGED) {
            return;
        }
        location.removeAll(change.localpart(), settings.domain()).subscribe(
                removed -> log.debug("{} SIP registrations of {} dropped: {}", removed, change.localpart(), change.kind()),
                error -> log.warn("dropping the SIP registrations of {} failed: {}", change.localpart(), error.toString()));
    }

    public int udpPort() { return transport.port(ListeningPoint.UDP); }

    public int tcpPort() { return transport.port(ListeningPoint.TCP); }

    public int tlsPort() { return transport.port(ListeningPoint.TLS); }

    /** The WebSocket port (RFC 7118), or -1 when off. */
    public int wsPort() { return transport.port("WS"); }

    /** The WebSocket-over-TLS port (RFC 7118), or -1 when off. */
    public int wssPort() { return transport.port("WSS"); }

    public LocationStore location() { return location; }

    /** The registration with the trunk (ADR 0046); null when {@code SWITCHBOARD_SIP_TRUNK_REGISTER} is off. */
    public TrunkRegistration trunkRegistration() { return trunkRegistration; }

    /** Call detail records (ADR 0043). */
    public CallRecords callRecords() { return callRecords; }

    /** Requests per source address and their bans (ADR 0043); null before {@link #start()}. */
    public SourceLimiter sources() { return sources; }

    /** Incoming SMS as MESSAGE to the phones of people who chose SIP (ADR 0042); null until {@link #start()}. */
    public PhoneTexts phoneTexts() { return phoneTexts; }

    /** Accounts and clean lockout standings kept between SIP requests (ADR 0056). */
    public CredentialCache credentials() { return credentials; }

    /** Calls waiting for a pushed phone to register again. */
    public WokenPhones woken() { return woken; }

    @Override
    public synchronized void close() {
        if (accountChanges != null) {
            accountChanges.dispose();
        }
        if (authChanges != null) {
            authChanges.dispose();
            authChanges = null;
        }
        if (trunkRegistration != null) {
            trunkRegistration.stop();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }
}
