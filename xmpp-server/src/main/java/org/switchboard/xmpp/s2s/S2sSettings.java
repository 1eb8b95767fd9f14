package org.switchboard.xmpp.s2s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.switchboard.common.config.Environment;
import org.switchboard.common.federation.BlockedDomains;
import org.switchboard.common.secrets.SecretsKey;
import org.switchboard.xmpp.transport.InputRate;

/**
 * Federation settings.
 *
 * @param enabled             whether this server talks to other servers at all ({@code SWITCHBOARD_XMPP_S2S}, false
 *                            until the limits of issue 16 are built)
 * @param port                STARTTLS port for peers ({@code SWITCHBOARD_XMPP_S2S_PORT}, 5269)
 * @param directTlsPort       direct TLS port for peers, XEP-0368 ({@code SWITCHBOARD_XMPP_S2S_TLS_PORT}, 5270)
 * @param hosts               where to reach given domains instead of DNS ({@code SWITCHBOARD_XMPP_S2S_HOSTS},
 *                            {@code domain=host:port,…})
 * @param allowDialback       {@code SWITCHBOARD_XMPP_S2S_AUTH=certificates} (default): a peer must present a certificate
 *                            valid for its domain; {@code dialback}: peers without one may prove their domain by
 *                            XEP-0220 dialback
 * @param trustPem            CA certificates trusted for peers besides the system's ({@code SWITCHBOARD_XMPP_S2S_TRUST_PEM})
 * @param queueLimit          stanzas held per remote domain while its connection is being made
 *                            ({@code SWITCHBOARD_XMPP_S2S_QUEUE}, 1000); more are bounced at once
 * @param connectTimeout      how long a remote domain may take to become usable before what waits for it is bounced
 *                            with {@code remote-server-timeout} ({@code SWITCHBOARD_XMPP_S2S_CONNECT_TIMEOUT_SECONDS}, 30)
 * @param idleTimeout         an s2s connection with no traffic either way is closed after this
 *                            ({@code SWITCHBOARD_XMPP_S2S_IDLE_TIMEOUT_SECONDS}, 600)
 * @param inputRate           how fast one peer connection may send before it is read more slowly
 *                            ({@code SWITCHBOARD_XMPP_S2S_RATE_BYTES}, 262144 a second, 0 for no limit, after a burst of
 *                            {@code SWITCHBOARD_XMPP_S2S_BURST_BYTES}, 1048576): a peer carries many users' traffic, so
 *                            more than one client, but a flood must not be served at local users' cost
 * @param dialbackSecret      derived from the secrets key (ADR 0022), never configured on its own
 * @param allow               when not empty, the only remote domains this server federates with
 *                            ({@code SWITCHBOARD_XMPP_S2S_ALLOW}, comma-separated)
 * @param deny                remote domains this server never federates with ({@code SWITCHBOARD_XMPP_S2S_DENY},
 *                            comma-separated); an admin can block more at run time (ADR 0051)
 * @param peerLimits          connections and stanza rate per remote domain over all its connections (ADR 0053)
 */
public record S2sSettings(boolean enabled, int port, int directTlsPort, Map<String, HostAndPort> hosts, boolean allowDialback,
                          Path trustPem, int queueLimit, Duration connectTimeout, Duration idleTimeout, InputRate inputRate,
                          byte[] dialbackSecret, Set<String> allow, Set<String> deny, PeerLimits peerLimits) {

    public static final InputRate DEFAULT_INPUT_RATE = new InputRate(256 * 1024, 1024 * 1024);

    public static final S2sSettings DISABLED = new S2sSettings(false, 0, 0, Map.of(), false, null, 1000,
            Duration.ofSeconds(30), Duration.ofMinutes(10), S2sSettings.DEFAULT_INPUT_RATE, new byte[32], Set.of(), Set.of(),
            PeerLimits.DEFAULT);

    public S2sSettings {
        hosts = Map.copyOf(hosts);
        allow = Set.copyOf(allow);
        deny = Set.copyOf(deny);
        dialbackSecret = dialbackSecret.clone();
    }

    @Override
    public byte[] dialbackSecret() {
        return dialbackSecret.clone();
    }

    public static S2sSettings from(Environment env, Path dataDir) {
        if (!env.bool("SWITCHBOARD_XMPP_S2S", false)) {
            return DISABLED;
        }
        String trust = env.string("SWITCHBOARD_XMPP_S2S_TRUST_PEM", null);
        if (trust != null && !Files.isReadable(Path.of(trust))) {
            throw new IllegalArgumentException("SWITCHBOARD_XMPP_S2S_TRUST_PEM=" + trust + " is not a readable file");
        }
        return new S2sSettings(true,
                env.integer("SWITCHBOARD_XMPP_S2S_PORT", 5269, 0, 65535),
                env.integer("SWITCHBOARD_XMPP_S2S_TLS_PORT", 5270, 0, 65535),
                StaticHosts.parse("SWITCHBOARD_XMPP_S2S_HOSTS", env.string("SWITCHBOARD_XMPP_S2S_HOSTS", null)),
                "dialback".equals(env.choice("SWITCHBOARD_XMPP_S2S_AUTH", "certificates", "certificates", "dialback")),
                trust == null ? null : Path.of(trust),
                env.integer("SWITCHBOARD_XMPP_S2S_QUEUE", 1000, 1, 1_000_000),
                env.seconds("SWITCHBOARD_XMPP_S2S_CONNECT_TIMEOUT_SECONDS", Duration.ofSeconds(30)),
                env.seconds("SWITCHBOARD_XMPP_S2S_IDLE_TIMEOUT_SECONDS", Duration.ofMinutes(10)),
                inputRate(env),
                SecretsKey.load(env, dataDir).derive("xmpp s2s dialback"),
                domains("SWITCHBOARD_XMPP_S2S_ALLOW", env.string("SWITCHBOARD_XMPP_S2S_ALLOW", null)),
                domains("SWITCHBOARD_XMPP_S2S_DENY", env.string("SWITCHBOARD_XMPP_S2S_DENY", null)),
                new PeerLimits(env.integer("SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN", PeerLimits.DEFAULT.maxConnections(), 1, 10_000),
                        env.integer("SWITCHBOARD_XMPP_S2S_STANZAS_PER_SECOND", PeerLimits.DEFAULT.stanzasPerSecond(), 0, 1_000_000),
                        env.integer("SWITCHBOARD_XMPP_S2S_STANZA_BURST", PeerLimits.DEFAULT.stanzaBurst(), 1, 1_000_000),
                        env.integer("SWITCHBOARD_XMPP_S2S_MAX_UNAUTHENTICATED_PER_ADDRESS",
                                PeerLimits.DEFAULT.unauthenticatedPerAddress(), 1, 100_000)));
    }

    /** Enabled on free ports, for tests. */
    public static S2sSettings forTests(Map<String, HostAndPort> hosts, boolean allowDialback, Path trustPem, byte[] secret) {
        return new S2sSettings(true, 0, 0, hosts, allowDialback, trustPem, 1000, Duration.ofSeconds(30), Duration.ofMinutes(10),
                DEFAULT_INPUT_RATE, secret, Set.of(), Set.of(), PeerLimits.DEFAULT);
    }

    public S2sSettings withConnectTimeout(Duration timeout) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, queueLimit, timeout, idleTimeout,
                inputRate, dialbackSecret, allow, deny, peerLimits);
    }

    public S2sSettings withIdleTimeout(Duration timeout) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, queueLimit, connectTimeout, timeout,
                inputRate, dialbackSecret, allow, deny, peerLimits);
    }

    public S2sSettings withQueueLimit(int limit) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, limit, connectTimeout, idleTimeout,
                inputRate, dialbackSecret, allow, deny, peerLimits);
    }

    public S2sSettings withInputRate(InputRate rate) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, queueLimit, connectTimeout, idleTimeout,
                rate, dialbackSecret, allow, deny, peerLimits);
    }

    public S2sSettings withDomainLists(Set<String> allowed, Set<String> denied) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, queueLimit, connectTimeout, idleTimeout,
                inputRate, dialbackSecret, allowed, denied, peerLimits);
    }

    public S2sSettings withPeerLimits(PeerLimits limits) {
        return new S2sSettings(enabled, port, directTlsPort, hosts, allowDialback, trustPem, queueLimit, connectTimeout, idleTimeout,
                inputRate, dialbackSecret, allow, deny, limits);
    }

    /** A comma-separated list of domain names, each checked and kept in lower case. */
    static Set<String> domains(String variable, String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String domain = BlockedDomains.normalize(item);
            if (domain == null) {
                throw new IllegalArgumentException(variable + ": '" + item.trim() + "' is not a domain name");
            }
            out.add(domain);
        }
        return out;
    }

    private static InputRate inputRate(Environment env) {
        long rate = env.integer("SWITCHBOARD_XMPP_S2S_RATE_BYTES", (int) DEFAULT_INPUT_RATE.bytesPerSecond(), 0, Integer.MAX_VALUE);
        long burst = env.integer("SWITCHBOARD_XMPP_S2S_BURST_BYTES", (int) DEFAULT_INPUT_RATE.burstBytes(), 1, Integer.MAX_VALUE);
        return rate == 0 ? InputRate.UNLIMITED : new InputRate(rate, burst);
    }

    @Override
    public String toString() {
        return "S2sSettings[enabled=" + enabled + ", port=" + port + ", directTlsPort=" + directTlsPort + ", hosts=" + hosts
                + ", allowDialback=" + allowDialback + ", trustPem=" + trustPem + ", allow=" + allow + ", deny=" + deny + ", peerLimits=" + peerLimits + "]";
    }
}
