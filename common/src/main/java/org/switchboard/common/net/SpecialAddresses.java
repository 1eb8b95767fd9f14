package org.switchboard.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Addresses that are not the public internet: where a request the server makes on a user's behalf (a webhook)
 * must not go, because behind them are this machine, its private network or its cloud's metadata service.
 * Ranges from the IANA IPv4 and IPv6 special-purpose registries (RFC 6890) plus multicast; an IPv6 address
 * that embeds an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address inside.
 */
public final class SpecialAddresses {

    /** A special range and why it is special, e.g. {@code 127.0.0.0/8} "loopback". */
    public record Range(Cidr network, String reason) {
    }

    private static final List<Range> V4 = List.of(
            range("0.0.0.0/8", "unspecified (this network)"),
            range("10.0.0.0/8", "private (RFC 1918)"),
            range("100.64.0.0/10", "shared address space (CGNAT, RFC 6598)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata lives here)"),
            range("172.16.0.0/12", "private (RFC 1918)"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation"),
            range("192.168.0.0/16", "private (RFC 1918)"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved (incl. broadcast)"));

    private static final List<Range> V6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("64:ff9b:1::/48", "local-use NAT64"),
            range("100::/64", "discard-only"),
            range("2001::/32", "Teredo tunnel"),
            range("2001:db8::/32", "documentation"),
            range("fc00::/7", "unique local (ULA)"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local (deprecated)"),
            range("ff00::/8", "multicast"));

    private SpecialAddresses() {
    }

    /** The special range {@code address} lies in, or null for an ordinary public unicast address. */
    public static Range classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return find(V4, bytes);
        }
        byte[] embedded = embeddedV4(bytes);
        if (embedded != null) {
            Range inside = find(V4, embedded);
            return inside != null ? inside : isCompatible(bytes) ? new Range(Cidr.parse("::/96"), "IPv4-compatible (deprecated)") : null;
        }
        return find(V6, bytes);
    }

    /**
     * The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96, not :: and ::1),
     * NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address; null for any other IPv6 address.
     */
    static byte[] embeddedV4(byte[] v6) {
        if (zero(v6, 0, 10) && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF) {
            return slice(v6, 12);
        }
        if (isCompatible(v6)) {
            return slice(v6, 12);
        }
        if (v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xFF) == 0xFF && (v6[3] & 0xFF) == 0x9B && zero(v6, 4, 12)) {
            return slice(v6, 12);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return slice(v6, 2);
        }
        return null;
    }

    private static boolean isCompatible(byte[] v6) {
        boolean unspecifiedOrLoopback = zero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1);
        return zero(v6, 0, 12) && !unspecifiedOrLoopback; // ::/96 except :: and ::1, which are in V6
    }

    private static Range find(List<Range> ranges, byte[] bytes) {
        for (Range range : ranges) {
            if (range.network().contains(bytes)) {
                return range;
            }
        }
        return null;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
    }

    private static Range range(String cidr, String reason) {
        return new Range(Cidr.parse(cidr), reason);
    }

    /** For callers holding raw bytes. */
    public static Range classify(byte[] address) {
        try {
            return classify(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes", e);
        }
    }
}
