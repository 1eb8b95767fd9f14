package org.switchboard.turn.policy;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which peer addresses a client may relay to. Without this a TURN server is an open door into the network it
 * stands in: loopback, private, link-local, multicast, reserved and unspecified ranges are refused (403).
 * The loopback flag exists for tests and opens loopback only.
 */
public final class PeerPolicy {

    private final boolean allowLoopback;

    public PeerPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public boolean permits(InetAddress peer) {
        if (peer.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (peer.isAnyLocalAddress() || peer.isLinkLocalAddress() || peer.isMulticastAddress()
                || peer.isSiteLocalAddress()) {
            return false;
        }
        return peer instanceof Inet4Address v4 ? permitsV4(v4.getAddress()) : permitsV6(peer.getAddress());
    }

    private boolean permitsV4(byte[] a) {
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        boolean thisNetwork = first == 0;                                  // 0.0.0.0/8
        boolean sharedCgnat = first == 100 && (second & 0xC0) == 64;        // 100.64.0.0/10
        boolean reserved = first >= 240;                                   // 240.0.0.0/4 and broadcast
        boolean ietfProtocol = first == 192 && second == 0 && (a[2] & 0xFF) == 0; // 192.0.0.0/24
        boolean benchmarking = first == 198 && (second & 0xFE) == 18;       // 198.18.0.0/15
        return !(thisNetwork || sharedCgnat || reserved || ietfProtocol || benchmarking);
    }

    private boolean permitsV6(byte[] a) {
        int first = a[0] & 0xFF;
        if ((first & 0xFE) == 0xFC) {
            return false;                                                  // fc00::/7 unique local
        }
        if (isEmbeddedV4(a)) {
            // ::/96 (IPv4-compatible) and 64:ff9b::/96 (NAT64) reach IPv4 hosts: judge the embedded address.
            byte[] v4 = {a[12], a[13], a[14], a[15]};
            try {
                return permits(InetAddress.getByAddress(v4));
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmbeddedV4(byte[] a) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= a[i] == 0;
        }
        boolean nat64 = a[0] == 0 && a[1] == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = a[i] == 0;
        }
        return zeroPrefix || nat64;
    }
}
