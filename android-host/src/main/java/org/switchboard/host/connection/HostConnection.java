package org.switchboard.host.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.switchboard.host.HostSettings;
import org.switchboard.host.pairing.HostCredentials;

/**
 * Keeps one {@link XMPPTCPConnection} up: connects, logs in (resuming the XEP-0198 stream when the server
 * still holds it), waits until the connection is lost, and tries again after a {@link Backoff} delay. The
 * same connection object is reused, because Smack keeps the stream-management state for resumption on it;
 * handlers registered once on it stay through reconnects.
 */
public final class HostConnection implements AutoCloseable {

    /** What the core does as the connection comes and goes; called on the supervisor thread. */
    public interface Listener {

        /** Once, on the new connection object, before it first connects: register handlers here. */
        void configure(XMPPTCPConnection connection);

        /** Logged in; {@code resumed} when the previous stream was resumed (no {@code hello} then). */
        void online(XMPPTCPConnection connection, boolean resumed);

        /** The connection was lost or closed. */
        void offline();
    }

    private static final Logger LOG = Logger.getLogger(HostConnection.class.getName());
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private final HostSettings settings;
    private final Backoff backoff;
    private final Listener listener;
    private final Thread supervisor;
    private volatile boolean running = true;
    private volatile XMPPTCPConnection connection;
    private volatile CountDownLatch lost = new CountDownLatch(1);

    public HostConnection(HostSettings settings, Backoff backoff, Listener listener) {
        this.settings = settings;
        this.backoff = backoff;
        this.listener = listener;
        this.supervisor = new Thread(this::supervise, "xmpp-supervisor");
        this.supervisor.setDaemon(true);
    }

    public void start() {
        supervisor.start();
    }

    /** The connection, connected or not; null before the first attempt. */
    public XMPPTCPConnection connection() {
        return connection;
    }

    private void supervise() {
        int failures = 0;
        while (running) {
            try {
                XMPPTCPConnection current = connection;
                if (current == null) {
                    current = create();
                    connection = current;
                }
                lost = new CountDownLatch(1);
                current.connect();
                current.login();
                failures = 0;
                listener.online(current, current.streamWasResumed());
                // the listener counts down on a close; the poll also catches a shutdown that calls no listener
                boolean closed = false;
                while (running && current.isConnected() && !closed) {
                    closed = lost.await(1, TimeUnit.SECONDS);
                }
                listener.offline();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.log(Level.INFO, "connecting to " + settings.credentials().xmppHost() + " failed: " + e);
                XMPPTCPConnection current = connection;
                if (current != null && current.isConnected()) {
                    current.instantShutdown(); // keeps the stream-management state for a resumption
                }
            }
            if (!running) {
                return;
            }
            Duration delay = backoff.delay(failures++);
            LOG.fine(() -> "reconnecting in " + delay);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private XMPPTCPConnection create() throws Exception {
        HostCredentials credentials = settings.credentials();
        XMPPTCPConnectionConfiguration.Builder config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(credentials.domain())
                .setPort(credentials.xmppPort())
                .setUsernameAndPassword(credentials.localpart(), credentials.password())
                .setResource(settings.resource())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(settings.trust().trustManager())
                .setCompressionEnabled(false)
                .setSocketFactory(new NoDelaySockets())
                .setSendPresence(true);
        if (IP_LITERAL.matcher(credentials.xmppHost()).matches()) {
            config.setHostAddress(InetAddress.getByName(credentials.xmppHost()));
        } else {
            config.setHost(credentials.xmppHost());
        }
        if (settings.trust().isPinned()) {
            // the pin names the one certificate accepted; the server's name in it adds nothing (and a
            // generated self-signed certificate may not carry the name the phone dials)
            config.setHostnameVerifier((hostname, session) -> true);
        }
        XMPPTCPConnection created = new XMPPTCPConnection(config.build());
        created.setUseStreamManagement(true);
        created.setUseStreamManagementResumption(true);
        ReconnectionManager.getInstanceFor(created).disableAutomaticReconnection(); // this class reconnects
        PingManager ping = PingManager.getInstanceFor(created);
        ping.setPingInterval((int) settings.pingInterval().getSeconds());
        ping.registerPingFailedListener(created::instantShutdown);
        created.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                lost.countDown();
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                LOG.info(() -> "connection lost: " + e);
                lost.countDown();
            }
        });
        listener.configure(created);
        return created;
    }

    /** Drops the TCP connection as a network loss would (the stream stays resumable); for tests and for the
     *  app when the network changes. */
    public void dropConnection() {
        XMPPTCPConnection current = connection;
        if (current != null) {
            current.instantShutdown();
        }
    }

    @Override
    public void close() {
        running = false;
        supervisor.interrupt();
        XMPPTCPConnection current = connection;
        if (current != null) {
            current.disconnect();
        }
        lost.countDown();
        try {
            supervisor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
