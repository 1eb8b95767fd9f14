package org.switchboard.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.host.connection.Backoff;
import org.switchboard.host.connection.HostConnection;
import org.switchboard.host.mms.InboundMmsPump;
import org.switchboard.host.mms.InboundMmsStore;
import org.switchboard.host.mms.MediaDownloads;
import org.switchboard.host.mms.MediaHttp;
import org.switchboard.host.mms.MediaSource;
import org.switchboard.host.mms.MediaUploader;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SimInfo;
import org.switchboard.host.sending.Dispatcher;
import org.switchboard.host.sending.Throttle;

/**
 * The SMS host: give it the credentials from pairing, the trust, a directory and a {@link Radio}, call
 * {@link #start()}, and it stays connected to the server, accepts the gateway's commands into its durable
 * queue, hands them to the radio through the throttle, and reports results, incoming texts and calls until
 * the gateway has committed each. {@link #close()} stops it; what was not acknowledged stays on disk for the
 * next start.
 */
public final class HostCore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostCore.class.getName());
    /** A conversation's next text waits at most this long for the radio to finish sending the previous one. */
    private static final Duration HAND_OVER_WAIT = Duration.ofMinutes(2);
    /** Connect and read timeout of one media download or upload. */
    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(30);

    private final HostSettings settings;
    private final Radio radio;
    private final HostQueue queue;
    private final Dispatcher dispatcher;
    private final OutboxPump outbox;
    private final HostConnection connection;
    private final CommandHandler commands;
    private final ScheduledExecutorService heartbeat;
    private final InboundMmsStore inboundMms;
    private final InboundMmsPump mmsPump;
    private final AtomicReference<DeviceStatus> lastStatus = new AtomicReference<>(DeviceStatus.UNKNOWN);
    /** The SIMs the last {@code hello} listed (null before the first). */
    private final AtomicReference<List<SimInfo>> lastSims = new AtomicReference<>();

    public HostCore(HostSettings settings, Radio radio) throws IOException {
        this.settings = settings;
        this.radio = radio;
        Jid gateway = JidCreate.fromOrThrowUnchecked(settings.credentials().gateway());
        this.queue = HostQueue.open(settings.dataDir());
        // MMS media come from and go to the server's own upload service only, over the pinned TLS of the XMPP link
        MediaSource mediaSource = new MediaSource(settings.credentials().domain(), settings.credentials().xmppHost());
        MediaHttp http = new MediaHttp(settings.trust(), MEDIA_TIMEOUT);
        this.dispatcher = new Dispatcher(queue, radio, new Throttle(settings.partsPerMinute(), settings.burst(), System::nanoTime),
                HAND_OVER_WAIT, settings.radioResultTimeout(), this::partResult, new MediaDownloads(mediaSource, http)::fetch);
        this.commands = new CommandHandler(gateway, queue, radio, Clock.systemUTC(), dispatcher::nudge, mediaSource);
        this.connection = new HostConnection(settings, Backoff.standard(), new ConnectionEvents());
        this.outbox = new OutboxPump(queue, connection::connection, gateway, this::hello, settings.replyTimeout(),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random()));
        this.inboundMms = new InboundMmsStore(settings.dataDir());
        MediaUploader uploader = new MediaUploader(this.connection::connection,
                JidCreate.fromOrThrowUnchecked("upload." + settings.credentials().domain()), mediaSource, http);
        this.mmsPump = new InboundMmsPump(inboundMms, queue, uploader, outbox::nudge,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "status-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects and starts sending; the radio's listener is installed first, so nothing it reports is missed. */
    public void start() {
        radio.setListener(new RadioEvents());
        dispatcher.start();
        outbox.start();
        mmsPump.start();
        connection.start();
        long every = settings.statusInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::sendStatus, every, every, TimeUnit.MILLISECONDS);
    }

    /** The durable queue, for the app's own screens (pending counts) and for tests. */
    public HostQueue queue() {
        return queue;
    }

    /** Drops the TCP connection as a lost network would; the host reconnects (and resumes) by itself. */
    public void dropConnection() {
        connection.dropConnection();
    }

    /**
     * Status and SIMs are not journaled: each report supersedes the one before, and every new stream —
     * always the case after a restart, since stream management state lives in memory — opens with this
     * {@code hello}, built from the radio's state at that moment.
     */
    private Payload hello() {
        DeviceStatus status = radio.status();
        List<SimInfo> sims = radio.sims();
        lastStatus.set(status);
        lastSims.set(sims);
        return Payloads.hello(settings.appVersion(), status, sims);
    }

    private void sendStatus() {
        DeviceStatus status = radio.status();
        lastStatus.set(status);
        outbox.status(status);
    }

    private void partResult(PartResult result) {
        try {
            // durable before its report goes: the outbox reads the queue with a sync
            if (queue.recordPartLater(result, Payloads.report(result).toXml())) {
                outbox.nudge();
            }
            dispatcher.nudge();
            mmsPump.nudge();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a part result", e);
        }
    }

    private void event(Payload payload) {
        try {
            queue.enqueue(payload.toXml());
            outbox.nudge();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + payload.element(), e);
        }
    }

    private final class RadioEvents implements RadioListener {
        @Override
        public void onPartResult(PartResult result) {
            partResult(result);
        }

        @Override
        public void onInbound(InboundSms sms) {
            event(Payloads.inbound(UUID.randomUUID().toString(), sms));
        }

        @Override
        public void onInboundMms(InboundMms mms) {
            try {
                inboundMms.add(mms);
            } catch (IOException e) {
                throw new UncheckedIOException("could not store an incoming MMS", e);
            }
            mmsPump.nudge();
        }

        @Override
        public void onCall(CallEvent call) {
            event(Payloads.call(UUID.randomUUID().toString(), call));
        }

        @Override
        public void onStatusChanged(DeviceStatus status) {
            List<SimInfo> said = lastSims.get();
            if (said != null && !said.equals(radio.sims())) {
                outbox.helloAgain(); // carries the status too
                return;
            }
            if (status.differsNoticeablyFrom(lastStatus.get())) {
                lastStatus.set(status);
                outbox.status(status);
            }
        }
    }

    private final class ConnectionEvents implements HostConnection.Listener {
        @Override
        public void configure(XMPPTCPConnection created) {
            for (IQRequestHandler handler : commands.handlers(created)) {
                created.registerIQRequestHandler(handler);
            }
        }

        @Override
        public void online(XMPPTCPConnection current, boolean resumed) {
            LOG.info(() -> "online as " + current.getUser() + " (SASL " + current.getUsedSaslMechansism() + ")"
                    + (resumed ? ", stream resumed" : ""));
            if (!resumed) {
                outbox.newStream();
            } else {
                outbox.nudge();
            }
            dispatcher.nudge();
            mmsPump.nudge();
        }

        @Override
        public void offline() {
            LOG.info("offline; reconnecting");
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        mmsPump.close();
        connection.close();
        commands.close();
        outbox.close();
        dispatcher.close();
        queue.close();
    }
}
