package org.switchboard.xmpp.xep.bytestreams;

import java.time.Duration;
import org.switchboard.common.config.Environment;

/**
 * Settings of the SOCKS5 bytestream proxy {@code proxy.<domain>} (XEP-0065).
 *
 * @param enabled               run the proxy ({@code SWITCHBOARD_PROXY65}, true)
 * @param bindAddress           where its SOCKS5 port listens ({@code SWITCHBOARD_PROXY65_BIND}, 0.0.0.0)
 * @param port                  its SOCKS5 port ({@code SWITCHBOARD_PROXY65_PORT}, 7777; 0 picks a free one)
 * @param host                  the address clients are told to connect to ({@code SWITCHBOARD_PROXY65_HOST}); null
 *                              means the bind address, or the server's domain when that is a wildcard
 * @param maxStreams            bytestreams at once, waiting for activation or relaying
 *                              ({@code SWITCHBOARD_PROXY65_MAX_STREAMS}, 100); a connection for one more is refused
 * @param connectionsPerAddress SOCKS5 connections one address (IPv6: its /64) may hold
 *                              ({@code SWITCHBOARD_PROXY65_CONNECTIONS_PER_ADDRESS}, 20)
 * @param bytesPerSecond        what one stream may relay a second in each direction, with a burst of as much again
 *                              ({@code SWITCHBOARD_PROXY65_BYTES_PER_SECOND}, 10 MiB; 0 for no limit)
 * @param activationTimeout     a connection not relaying by then (handshake, its peer, the activation) is closed
 *                              ({@code SWITCHBOARD_PROXY65_ACTIVATION_TIMEOUT_SECONDS}, 60)
 * @param idleTimeout           an active stream with no byte either way for this long is closed; a wait the rate
 *                              imposes is not idleness ({@code SWITCHBOARD_PROXY65_IDLE_TIMEOUT_SECONDS}, 300)
 */
public record Proxy65Settings(boolean enabled, String bindAddress, int port, String host, int maxStreams,
                              int connectionsPerAddress, long bytesPerSecond, Duration activationTimeout,
                              Duration idleTimeout) {

    public static final int DEFAULT_PORT = 7777;
    public static final Proxy65Settings DEFAULTS = new Proxy65Settings(true, "0.0.0.0", DEFAULT_PORT, null, 100, 20,
            10L * 1024 * 1024, Duration.ofSeconds(60), Duration.ofMinutes(5));
    /** For tests: loopback, a free port. */
    public static final Proxy65Settings LOOPBACK_FREE_PORT = DEFAULTS.at("127.0.0.1", 0, null);

    public Proxy65Settings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("SWITCHBOARD_PROXY65_BIND must name an address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SWITCHBOARD_PROXY65_PORT must be 0..65535");
        }
        if (maxStreams < 1 || connectionsPerAddress < 1 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("SWITCHBOARD_PROXY65_MAX_STREAMS and _CONNECTIONS_PER_ADDRESS must be at least 1, "
                    + "SWITCHBOARD_PROXY65_BYTES_PER_SECOND at least 0");
        }
        if (activationTimeout.isNegative() || activationTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the proxy's activation and idle timeouts must be positive");
        }
        host = host == null || host.isBlank() ? null : host.trim();
    }

    public static Proxy65Settings from(Environment env) {
        return new Proxy65Settings(env.bool("SWITCHBOARD_PROXY65", DEFAULTS.enabled),
                env.string("SWITCHBOARD_PROXY65_BIND", DEFAULTS.bindAddress),
                env.integer("SWITCHBOARD_PROXY65_PORT", DEFAULT_PORT, 0, 65535),
                env.string("SWITCHBOARD_PROXY65_HOST", null),
                env.integer("SWITCHBOARD_PROXY65_MAX_STREAMS", DEFAULTS.maxStreams, 1, 1_000_000),
                env.integer("SWITCHBOARD_PROXY65_CONNECTIONS_PER_ADDRESS", DEFAULTS.connectionsPerAddress, 1, 1_000_000),
                env.integer("SWITCHBOARD_PROXY65_BYTES_PER_SECOND", (int) DEFAULTS.bytesPerSecond, 0, Integer.MAX_VALUE),
                env.seconds("SWITCHBOARD_PROXY65_ACTIVATION_TIMEOUT_SECONDS", DEFAULTS.activationTimeout),
                env.seconds("SWITCHBOARD_PROXY65_IDLE_TIMEOUT_SECONDS", DEFAULTS.idleTimeout));
    }

    /** The service's domain for a server domain. */
    public static String serviceDomain(String serverDomain) {
        return "proxy." + serverDomain;
    }

    /** The host a streamhost answer names: the setting, else a specific bind address, else the server's domain. */
    public String advertisedHost(String serverDomain) {
        if (host != null) {
            return host;
        }
        boolean wildcard = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
        return wildcard ? serverDomain : bindAddress;
    }

    public Proxy65Settings withEnabled(boolean on) {
        return new Proxy65Settings(on, bindAddress, port, host, maxStreams, connectionsPerAddress, bytesPerSecond,
                activationTimeout, idleTimeout);
    }

    /** Another address, port and advertised host. */
    public Proxy65Settings at(String newBind, int newPort, String newHost) {
        return new Proxy65Settings(enabled, newBind, newPort, newHost, maxStreams, connectionsPerAddress, bytesPerSecond,
                activationTimeout, idleTimeout);
    }

    /** Other limits, for tests of them. */
    public Proxy65Settings withLimits(int newMaxStreams, int newPerAddress, long newBytesPerSecond) {
        return new Proxy65Settings(enabled, bindAddress, port, host, newMaxStreams, newPerAddress, newBytesPerSecond,
                activationTimeout, idleTimeout);
    }

    /** Other timeouts, for tests of them. */
    public Proxy65Settings withTimeouts(Duration newActivation, Duration newIdle) {
        return new Proxy65Settings(enabled, bindAddress, port, host, maxStreams, connectionsPerAddress, bytesPerSecond,
                newActivation, newIdle);
    }
}
