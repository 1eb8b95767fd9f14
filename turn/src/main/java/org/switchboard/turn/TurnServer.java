package org.switchboard.turn;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.RelayAddressPlan;
import org.switchboard.turn.auth.LongTermAuthenticator;
import org.switchboard.turn.auth.NonceIssuer;
import org.switchboard.turn.auth.Revocations;
import org.switchboard.turn.method.TurnProtocol;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.policy.PeerPolicy;
import org.switchboard.turn.stun.StunMessageReader;
import org.switchboard.turn.transport.NettyRelaySockets;
import org.switchboard.turn.transport.StreamChannelInitializer;
import org.switchboard.turn.transport.UdpListenerHandler;

/**
 * The STUN/TURN server: UDP and TCP on {@link TurnSettings#port()}, TLS on {@link TurnSettings#tlsPort()} when a
 * TLS context is given. {@link #start()} binds, {@link #close()} releases every socket including relays.
 */
public final class TurnServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TurnServer.class);
    private static final Duration NONCE_LIFETIME = Duration.ofHours(1);
    private static final int LISTENER_SOCKET_BUFFER = 4 * 1024 * 1024;
    private static final int PORT_ATTEMPTS = 20;

    private final TurnSettings settings;
    private final SslContext tls;
    private final Clock clock;
    private final TurnMetrics metrics;
    private final Revocations revocations;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup group;
    private volatile AllocationManager allocations;
    private ConnectionLimiter streamLimiter;
    private ScheduledFuture<?> sweeper;
    private int udpPort = -1;
    private int tcpPort = -1;
    private int tlsPort = -1;

    /**
     * @param tls      the server certificate for TURN over TLS, or null to serve no TLS port
     * @param registry where the {@code switchboard.turn.*} meters go
     * @param clock    decides lifetimes, nonces and credential expiry
     */
    public TurnServer(TurnSettings settings, SslContext tls, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.tls = tls;
        this.clock = clock;
        this.metrics = new TurnMetrics(registry);
        // The API mints with the same settings' ttl, so a credential was minted at its expiry minus this ttl.
        this.revocations = new Revocations(settings.credentialTtl());
    }

    public TurnServer(TurnSettings settings, SslContext tls) {
        this(settings, tls, new SimpleMeterRegistry(), Clock.systemUTC());
    }


    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
        try {
            allocations = new AllocationManager(settings, new NettyRelaySockets(group),
                    RelayAddressPlan.forListener(settings.listenAddress(), settings.externalAddresses()), clock, metrics,
                    revocations::refuses);
            LongTermAuthenticator authenticator = new LongTermAuthenticator(settings.credentials(), settings.realm(),
                    new NonceIssuer(clock, NONCE_LIFETIME), clock, revocations);
            TurnProtocol protocol = new TurnProtocol(allocations, authenticator,
                    new PeerPolicy(settings.allowLoopbackPeers()), metrics);
            streamLimiter = new ConnectionLimiter(settings.streamLimits().perAddress(), settings.streamLimits().total());
            metrics.openStreamConnections(streamLimiter::total);
            bindUdpAndTcp(protocol);
            if (tls != null) {
                Channel tlsListener = bindStream(new StreamChannelInitializer(protocol, allocations, metrics, tls,
                        streamLimiter, settings.streamLimits().allocationDeadline()), settings.tlsPort());
                tlsPort = port(tlsListener);
            }
            sweeper = group.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("TURN listening on {} udp/tcp {} tls {}, relay ports {}", settings.listenAddress().getHostAddress(),
                udpPort, tlsPort, settings.relayPorts());
    }

    /** UDP and TCP share one port number; with port 0 the TCP side retries if the UDP port is taken for TCP. */
    private void bindUdpAndTcp(TurnProtocol protocol) {
        StreamChannelInitializer tcp = new StreamChannelInitializer(protocol, allocations, metrics, null,
                streamLimiter, settings.streamLimits().allocationDeadline());
        RuntimeException last = null;
        for (int attempt = 0; attempt < (settings.port() == 0 ? PORT_ATTEMPTS : 1); attempt++) {
            Channel udp = bindUdp(protocol, settings.port());
            try {
                Channel stream = bindStream(tcp, port(udp));
                udpPort = port(udp);
                tcpPort = port(stream);
                return;
            } catch (Exception e) {
                // Netty rethrows the BindException of a port taken for TCP undeclared, so RuntimeException misses it
                last = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("cannot bind TCP port " + port(udp) + ": " + e.getMessage(), e);
                listeners.remove(udp);
                udp.close().syncUninterruptibly();
            }
        }
        throw last;
    }

    private Channel bindUdp(TurnProtocol protocol, int port) {
        Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, LISTENER_SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, LISTENER_SOCKET_BUFFER)
                // One byte over the limit so an oversized datagram arrives oversized, not silently cut to size.
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(StunMessageReader.MAX_MESSAGE_LENGTH + 1))
                .handler(new UdpListenerHandler(protocol))
                .bind(new InetSocketAddress(settings.listenAddress(), port)).syncUninterruptibly().channel();
        listeners.add(channel);
        return channel;
    }

    private Channel bindStream(StreamChannelInitializer initializer, int port) {
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(settings.listenAddress(), port)).syncUninterruptibly().channel();
        listeners.add(channel);
        return channel;
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int udpPort() {
        return udpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** -1 when the server has no TLS context. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Live allocations, for metrics endpoints and tests. */
    public int allocationCount() {
        return allocations == null ? 0 : allocations.size();
    }

    /**
     * The account {@code user} was locked, deleted or given a new password at {@code at}: its allocations end
     * now, and every REST credential of it minted before {@code at} is refused from now on (401). Works before
     * {@link #start()} too; the memory of it lasts one credential ttl and not across a restart.
     */
    public void revoke(String user, Instant at) {
        revocations.revoke(user, at, clock.instant());
        AllocationManager current = allocations;
        int ended = current == null ? 0 : current.revoke(user);
        log.info("TURN credentials of {} before {} revoked, {} allocation(s) ended", user, at, ended);
    }

    /** Ends what has expired now; the server does this every second by itself. */
    void sweep() {
        Instant now = clock.instant();
        allocations.sweep(now);
        revocations.prune(now);
    }

    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        listeners.forEach(channel -> channel.close().syncUninterruptibly());
        listeners.clear();
        if (allocations != null) {
            allocations.close();
        }
        // Shutting the group down closes every channel still registered on it, relays included.
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
        udpPort = tcpPort = tlsPort = -1;
    }
}
