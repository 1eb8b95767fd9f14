package org.switchboard.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.limits.SipLimits;

/**
 * The SIP gateway's settings, all from {@code SWITCHBOARD_SIP_*} (docs/sip.md lists them).
 *
 * @param domain           the SIP domain and digest realm: the server's domain
 * @param bindAddress      where the listeners bind ({@code SWITCHBOARD_SIP_BIND}, default every interface)
 * @param host             the name or address phones reach this server at, used in Via and Record-Route
 *                         ({@code SWITCHBOARD_SIP_HOST}, default the domain)
 * @param udpPort          UDP ({@code SWITCHBOARD_SIP_UDP_PORT}, 5060; 0 any free port, -1 off)
 * @param tcpPort          TCP ({@code SWITCHBOARD_SIP_TCP_PORT}, 5060; 0 any free port, -1 off)
 * @param tlsPort          TLS with the server certificate ({@code SWITCHBOARD_SIP_TLS_PORT}, 5061; 0 any free port, -1 off)
 * @param maxMessageBytes  a larger message is refused before it is processed ({@code SWITCHBOARD_SIP_MAX_MESSAGE_BYTES})
 * @param maxConnections   TCP and TLS connections in all ({@code SWITCHBOARD_SIP_MAX_CONNECTIONS})
 * @param threads          the stack's bounded pool of listener threads ({@code SWITCHBOARD_SIP_THREADS})
 * @param nonceLifetime    after this a digest nonce is answered {@code stale=true} ({@code SWITCHBOARD_SIP_NONCE_SECONDS})
 * @param minExpires       shorter registrations get 423 ({@code SWITCHBOARD_SIP_MIN_EXPIRES})
 * @param maxExpires       longer registrations are shortened to this ({@code SWITCHBOARD_SIP_MAX_EXPIRES})
 * @param maxContacts      contacts one account may register at once ({@code SWITCHBOARD_SIP_MAX_CONTACTS})
 * @param ringTimeout      an unanswered INVITE is cancelled and answered 408 after this
 *                         ({@code SWITCHBOARD_SIP_RING_SECONDS}, RFC 3261 Timer C)
 * @param digests          the digest algorithms challenged, most preferred first
 *                         ({@code SWITCHBOARD_SIP_DIGEST_ALGORITHMS}, default {@code SHA-256,MD5} as RFC 8760
 *                         asks; clients that read only the first challenge, such as sipp, need MD5 first)
 * @param pushWait         how long a call waits for a phone woken by push (RFC 8599) to register again; then that
 *                         phone's branch ends with 480 ({@code SWITCHBOARD_SIP_PUSH_WAIT_SECONDS}, 30)
 * @param pushRemember     how long a push binding whose phone does not refresh it itself (no {@code +sip.pnsreg})
 *                         is still woken by calls after it expired ({@code SWITCHBOARD_SIP_PUSH_REMEMBER_SECONDS}, 7 days)
 * @param limits           per-source request limits and bans, the concurrent call cap, the push limit and call record
 *                         retention ({@link SipLimits} lists their variables)
 */
public record SipSettings(String domain, String bindAddress, String host, int udpPort, int tcpPort, int tlsPort,
                          int maxMessageBytes, int maxConnections, int threads, Duration nonceLifetime,
                          Duration minExpires, Duration maxExpires, int maxContacts, Duration ringTimeout,
                          List<SipDigest> digests, Duration pushWait, Duration pushRemember, SipLimits limits) {

    public static final Duration DEFAULT_EXPIRES = Duration.ofHours(1);

    public SipSettings {
        if (udpPort < 0 && tcpPort < 0 && tlsPort < 0) {
            throw new IllegalArgumentException("the SIP role needs at least one of SWITCHBOARD_SIP_UDP_PORT, _TCP_PORT, _TLS_PORT");
        }
        if (minExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_MIN_EXPIRES is above SWITCHBOARD_SIP_MAX_EXPIRES");
        }
        if (pushWait.isZero() || pushWait.isNegative()) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_PUSH_WAIT_SECONDS must be at least 1");
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_DIGEST_ALGORITHMS names no algorithm");
        }
        digests = List.copyOf(digests);
    }

    public static SipSettings from(Environment env, CoreSettings core) {
        return new SipSettings(
                core.domain(),
                env.string("SWITCHBOARD_SIP_BIND", "0.0.0.0"),
                env.string("SWITCHBOARD_SIP_HOST", core.domain()),
                env.integer("SWITCHBOARD_SIP_UDP_PORT", 5060, -1, 65535),
                env.integer("SWITCHBOARD_SIP_TCP_PORT", 5060, -1, 65535),
                env.integer("SWITCHBOARD_SIP_TLS_PORT", 5061, -1, 65535),
                env.integer("SWITCHBOARD_SIP_MAX_MESSAGE_BYTES", 16 * 1024, 1024, 65_535),
                env.integer("SWITCHBOARD_SIP_MAX_CONNECTIONS", 10_000, 1, 1_000_000),
                env.integer("SWITCHBOARD_SIP_THREADS", 16, 2, 1024),
                env.seconds("SWITCHBOARD_SIP_NONCE_SECONDS", Duration.ofMinutes(5)),
                env.seconds("SWITCHBOARD_SIP_MIN_EXPIRES", Duration.ofSeconds(60)),
                env.seconds("SWITCHBOARD_SIP_MAX_EXPIRES", Duration.ofHours(2)),
                env.integer("SWITCHBOARD_SIP_MAX_CONTACTS", 10, 1, 100),
                env.seconds("SWITCHBOARD_SIP_RING_SECONDS", Duration.ofSeconds(120)),
                digests(env.string("SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "SHA-256,MD5")),
                env.seconds("SWITCHBOARD_SIP_PUSH_WAIT_SECONDS", Duration.ofSeconds(30)),
                env.seconds("SWITCHBOARD_SIP_PUSH_REMEMBER_SECONDS", Duration.ofDays(7)),
                SipLimits.from(env));
    }

    static List<SipDigest> digests(String names) {
        List<SipDigest> digests = new ArrayList<>();
        for (String name : names.split(",")) {
            SipDigest digest = Arrays.stream(SipDigest.values()).filter(known -> known.algorithm().equalsIgnoreCase(name.trim()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "SWITCHBOARD_SIP_DIGEST_ALGORITHMS names '" + name.trim() + "'; known: SHA-256, MD5"));
            if (!digests.contains(digest)) {
                digests.add(digest);
            }
        }
        return digests;
    }

    /** Defaults on the given ports, for tests and embedding. */
    public static SipSettings forTest(String domain, String host, int udpPort, int tcpPort, int tlsPort) {
        return new SipSettings(domain, host, host, udpPort, tcpPort, tlsPort, 16 * 1024, 1000, 8,
                Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofHours(2), 10, Duration.ofSeconds(120),
                List.of(SipDigest.SHA_256, SipDigest.MD5), Duration.ofSeconds(30), Duration.ofDays(7), SipLimits.OFF);
    }

    public SipSettings withNonceLifetime(Duration lifetime) {
        return new SipSettings(domain, bindAddress, host, udpPort, tcpPort, tlsPort, maxMessageBytes, maxConnections, threads,
                lifetime, minExpires, maxExpires, maxContacts, ringTimeout, digests, pushWait, pushRemember, limits);
    }

    public SipSettings withDigests(List<SipDigest> preference) {
        return new SipSettings(domain, bindAddress, host, udpPort, tcpPort, tlsPort, maxMessageBytes, maxConnections, threads,
                nonceLifetime, minExpires, maxExpires, maxContacts, ringTimeout, preference, pushWait, pushRemember, limits);
    }

    public SipSettings withRingTimeout(Duration timeout) {
        return new SipSettings(domain, bindAddress, host, udpPort, tcpPort, tlsPort, maxMessageBytes, maxConnections, threads,
                nonceLifetime, minExpires, maxExpires, maxContacts, timeout, digests, pushWait, pushRemember, limits);
    }

    public SipSettings withPushWait(Duration wait) {
        return new SipSettings(domain, bindAddress, host, udpPort, tcpPort, tlsPort, maxMessageBytes, maxConnections, threads,
                nonceLifetime, minExpires, maxExpires, maxContacts, ringTimeout, digests, wait, pushRemember, limits);
    }

    public SipSettings withLimits(SipLimits newLimits) {
        return new SipSettings(domain, bindAddress, host, udpPort, tcpPort, tlsPort, maxMessageBytes, maxConnections, threads,
                nonceLifetime, minExpires, maxExpires, maxContacts, ringTimeout, digests, pushWait, pushRemember, newLimits);
    }
}
