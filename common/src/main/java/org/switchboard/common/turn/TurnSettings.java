package org.switchboard.common.turn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;

/**
 * Settings of the TURN/STUN server, validated when built.
 *
 * <p>The listen address defaults to {@code 0.0.0.0}: the server exists to be reached by phones from outside,
 * so binding only loopback by default would make a fresh deployment silently useless. When it listens on the
 * wildcard address the relayed address that clients are told must still be a concrete one, which is
 * {@code externalAddresses} when set (a server behind 1:1 NAT) and otherwise detected from the interfaces.
 *
 * @param realm                   long-term credential realm; the domain ({@code SWITCHBOARD_DOMAIN})
 * @param listenAddress           where STUN/TURN listen and relay sockets bind ({@code SWITCHBOARD_TURN_LISTEN_ADDRESS})
 * @param externalAddresses       at most one IPv4 and one IPv6 address advertised as the relayed address
 *                                ({@code SWITCHBOARD_TURN_EXTERNAL_ADDRESS}, comma separated; empty = detect)
 * @param port                    UDP and TCP port, 0 picks a free one ({@code SWITCHBOARD_TURN_PORT}, 3478)
 * @param tlsPort                 TLS port, 0 picks a free one ({@code SWITCHBOARD_TURN_TLS_PORT}, 5349)
 * @param secret                  shared with the REST API ({@code SWITCHBOARD_TURN_SECRET}; generated when unset)
 * @param relayPorts              relay socket ports ({@code SWITCHBOARD_TURN_RELAY_PORTS}, "49152-65535")
 * @param allowLoopbackPeers      lets tests relay to 127.0.0.1/::1 ({@code SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS})
 * @param maxAllocationsPerUser   {@code SWITCHBOARD_TURN_MAX_ALLOCATIONS_PER_USER}, 16
 * @param maxAllocations          {@code SWITCHBOARD_TURN_MAX_ALLOCATIONS}, 10000
 * @param bandwidthBytesPerSecond per allocation and direction, 0 = unlimited
 *                                ({@code SWITCHBOARD_TURN_BANDWIDTH_BYTES_PER_SECOND}, 1 MB/s)
 * @param credentialTtl           lifetime of minted credentials ({@code SWITCHBOARD_TURN_CREDENTIAL_TTL_SECONDS}, 86400)
 * @param streamLimits            bounds on TCP and TLS client connections, see {@link StreamLimits}
 */
public record TurnSettings(
        String realm,
        InetAddress listenAddress,
        List<InetAddress> externalAddresses,
        int port,
        int tlsPort,
        String secret,
        PortRange relayPorts,
        boolean allowLoopbackPeers,
        int maxAllocationsPerUser,
        int maxAllocations,
        long bandwidthBytesPerSecond,
        Duration credentialTtl,
        StreamLimits streamLimits) {

    private static final Logger log = LoggerFactory.getLogger(TurnSettings.class);

    public static final int DEFAULT_PORT = 3478;
    public static final int DEFAULT_TLS_PORT = 5349;
    public static final PortRange DEFAULT_RELAY_PORTS = new PortRange(49152, 65535);
    public static final Duration DEFAULT_CREDENTIAL_TTL = Duration.ofDays(1);

    /** An inclusive range of UDP ports for relay sockets. */
    /**
     * Bounds on TCP and TLS client connections, which hold a socket each where UDP holds nothing: at most
     * {@code perAddress} at once from one address (IPv6: one /64), {@code total} at once, and a connection
     * that has no allocation {@code allocationDeadline} after it opened is closed, so silent or trickling
     * connections cannot be held open to exhaust the server.
     *
     * @param perAddress         {@code SWITCHBOARD_TURN_STREAM_CONNECTIONS_PER_ADDRESS}, 20
     * @param total              {@code SWITCHBOARD_TURN_STREAM_CONNECTIONS}, 10000
     * @param allocationDeadline {@code SWITCHBOARD_TURN_STREAM_ALLOCATION_DEADLINE_SECONDS}, 30
     */
    public record StreamLimits(int perAddress, int total, Duration allocationDeadline) {

        public static final StreamLimits DEFAULT = new StreamLimits(20, 10_000, Duration.ofSeconds(30));

        public StreamLimits {
            if (perAddress < 1 || total < 1 || perAddress > total) {
                throw new IllegalArgumentException("TURN stream connection limits must be positive, per address <= total");
            }
            if (allocationDeadline.isNegative() || allocationDeadline.isZero()) {
                throw new IllegalArgumentException("SWITCHBOARD_TURN_STREAM_ALLOCATION_DEADLINE_SECONDS must be positive");
            }
        }
    }

    public record PortRange(int first, int last) {
        public PortRange {
            if (first < 1024 || last > 65535 || first > last) {
                throw new IllegalArgumentException("relay port range " + first + "-" + last
                        + " must lie within 1024-65535 with first <= last");
            }
        }

        public static PortRange parse(String text) {
            String[] parts = text.trim().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("relay port range '" + text + "' must look like 49152-65535");
            }
            try {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("relay port range '" + text + "' must look like 49152-65535", e);
            }
        }

        public int size() {
            return last - first + 1;
        }

        public boolean contains(int port) {
            return port >= first && port <= last;
        }
    }

    public TurnSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(relayPorts, "relayPorts");
        Objects.requireNonNull(credentialTtl, "credentialTtl");
        Objects.requireNonNull(streamLimits, "streamLimits");
        externalAddresses = List.copyOf(externalAddresses);
        if (realm.isBlank()) {
            throw new IllegalArgumentException("the TURN realm must not be blank");
        }
        requirePort("SWITCHBOARD_TURN_PORT", port);
        requirePort("SWITCHBOARD_TURN_TLS_PORT", tlsPort);
        if (port != 0 && port == tlsPort) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_PORT and SWITCHBOARD_TURN_TLS_PORT must differ");
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_SECRET must be at least 16 characters");
        }
        long v4 = externalAddresses.stream().filter(a -> a instanceof Inet4Address).count();
        long v6 = externalAddresses.stream().filter(a -> a instanceof Inet6Address).count();
        if (v4 > 1 || v6 > 1) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_EXTERNAL_ADDRESS takes at most one IPv4 and one IPv6 address");
        }
        if (externalAddresses.stream().anyMatch(InetAddress::isAnyLocalAddress)) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_EXTERNAL_ADDRESS must be a concrete address");
        }
        if (maxAllocationsPerUser < 1 || maxAllocations < 1 || maxAllocationsPerUser > maxAllocations) {
            throw new IllegalArgumentException("TURN allocation quotas must be positive, per user <= total");
        }
        if (bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_BANDWIDTH_BYTES_PER_SECOND must not be negative");
        }
        if (credentialTtl.isNegative() || credentialTtl.isZero()) {
            throw new IllegalArgumentException("SWITCHBOARD_TURN_CREDENTIAL_TTL_SECONDS must be positive");
        }
    }

    public static TurnSettings from(Environment env, CoreSettings core) {
        String secret = env.secret("SWITCHBOARD_TURN_SECRET");
        if (secret == null) {
            secret = generateSecret();
            // Nothing secret is logged: only that clients of another process cannot share this one.
            log.warn("SWITCHBOARD_TURN_SECRET is not set: generated a random TURN secret for this run;"
                    + " credentials minted by any other process will be refused");
        }
        return new TurnSettings(
                core.domain(),
                address("SWITCHBOARD_TURN_LISTEN_ADDRESS", env.string("SWITCHBOARD_TURN_LISTEN_ADDRESS", "0.0.0.0")),
                addresses("SWITCHBOARD_TURN_EXTERNAL_ADDRESS", env.string("SWITCHBOARD_TURN_EXTERNAL_ADDRESS", "")),
                env.integer("SWITCHBOARD_TURN_PORT", DEFAULT_PORT, 0, 65535),
                env.integer("SWITCHBOARD_TURN_TLS_PORT", DEFAULT_TLS_PORT, 0, 65535),
                secret,
                PortRange.parse(env.string("SWITCHBOARD_TURN_RELAY_PORTS", "49152-65535")),
                env.bool("SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS", false),
                env.integer("SWITCHBOARD_TURN_MAX_ALLOCATIONS_PER_USER", 16, 1, 1_000_000),
                env.integer("SWITCHBOARD_TURN_MAX_ALLOCATIONS", 10_000, 1, 1_000_000),
                env.integer("SWITCHBOARD_TURN_BANDWIDTH_BYTES_PER_SECOND", 1_000_000, 0, Integer.MAX_VALUE),
                env.seconds("SWITCHBOARD_TURN_CREDENTIAL_TTL_SECONDS", DEFAULT_CREDENTIAL_TTL),
                new StreamLimits(
                        env.integer("SWITCHBOARD_TURN_STREAM_CONNECTIONS_PER_ADDRESS", StreamLimits.DEFAULT.perAddress(), 1, 1_000_000),
                        env.integer("SWITCHBOARD_TURN_STREAM_CONNECTIONS", StreamLimits.DEFAULT.total(), 1, 1_000_000),
                        env.seconds("SWITCHBOARD_TURN_STREAM_ALLOCATION_DEADLINE_SECONDS", StreamLimits.DEFAULT.allocationDeadline())));
    }

    /** Defaults for a given realm and secret; tests and embedders adjust with the {@code with*} methods. */
    public static TurnSettings defaults(String realm, String secret) {
        return new TurnSettings(realm, address("listen address", "0.0.0.0"), List.of(), DEFAULT_PORT,
                DEFAULT_TLS_PORT, secret, DEFAULT_RELAY_PORTS, false, 16, 10_000, 1_000_000, DEFAULT_CREDENTIAL_TTL,
                StreamLimits.DEFAULT);
    }

    public TurnSettings withListen(InetAddress address, int udpTcpPort, int tlsPortNumber) {
        return new TurnSettings(realm, address, externalAddresses, udpTcpPort, tlsPortNumber, secret, relayPorts,
                allowLoopbackPeers, maxAllocationsPerUser, maxAllocations, bandwidthBytesPerSecond, credentialTtl, streamLimits);
    }

    public TurnSettings withRelayPorts(PortRange range) {
        return new TurnSettings(realm, listenAddress, externalAddresses, port, tlsPort, secret, range,
                allowLoopbackPeers, maxAllocationsPerUser, maxAllocations, bandwidthBytesPerSecond, credentialTtl, streamLimits);
    }

    public TurnSettings withAllowLoopbackPeers(boolean allow) {
        return new TurnSettings(realm, listenAddress, externalAddresses, port, tlsPort, secret, relayPorts,
                allow, maxAllocationsPerUser, maxAllocations, bandwidthBytesPerSecond, credentialTtl, streamLimits);
    }

    public TurnSettings withQuotas(int perUser, int total, long bandwidth) {
        return new TurnSettings(realm, listenAddress, externalAddresses, port, tlsPort, secret, relayPorts,
                allowLoopbackPeers, perUser, total, bandwidth, credentialTtl, streamLimits);
    }

    public TurnSettings withStreamLimits(StreamLimits limits) {
        return new TurnSettings(realm, listenAddress, externalAddresses, port, tlsPort, secret, relayPorts,
                allowLoopbackPeers, maxAllocationsPerUser, maxAllocations, bandwidthBytesPerSecond, credentialTtl, limits);
    }

    /**
     * The host clients are told to reach the TURN server at: the first external address when one is configured
     * (a server behind 1:1 NAT), else the domain. What the REST API and XEP-0215 both hand out.
     */
    public String clientHost(String domain) {
        if (externalAddresses.isEmpty()) {
            return domain;
        }
        String literal = externalAddresses.get(0).getHostAddress();
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }

    public TurnCredentials credentials() {
        return new TurnCredentials(secret);
    }

    /** Never print the secret, even by accident in a log line of the whole record. */
    @Override
    public String toString() {
        return "TurnSettings[realm=" + realm + ", listen=" + listenAddress.getHostAddress() + ", external="
                + externalAddresses + ", port=" + port + ", tlsPort=" + tlsPort + ", relayPorts=" + relayPorts
                + ", allowLoopbackPeers=" + allowLoopbackPeers + ", maxAllocationsPerUser=" + maxAllocationsPerUser
                + ", maxAllocations=" + maxAllocations + ", bandwidthBytesPerSecond=" + bandwidthBytesPerSecond
                + ", credentialTtl=" + credentialTtl + ", streamLimits=" + streamLimits + "]";
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + "=" + value + " is out of range 0..65535");
        }
    }

    private static String generateSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<InetAddress> addresses(String name, String text) {
        List<InetAddress> result = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                result.add(address(name, part.trim()));
            }
        }
        return result;
    }

    /** Literal IP addresses only: a host name here would mean a DNS lookup at start-up. */
    private static InetAddress address(String name, String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException(name + "=" + text + " is not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(name + "=" + text + " is not an IP address literal", e);
        }
    }
}
