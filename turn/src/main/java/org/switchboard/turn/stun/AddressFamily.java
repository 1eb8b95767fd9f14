package org.switchboard.turn.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The family in REQUESTED-ADDRESS-FAMILY / ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.10-18.11, RFC 6156):
 * a 4-byte value, family in the first byte and three reserved bytes.
 *
 * <p>Our own codec because ice4j's uses length 1. Length 1 is tolerated on input for ice4j-built clients.
 */
public enum AddressFamily {
    IPV4(0x01), IPV6(0x02);

    private final int code;

    AddressFamily(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    public boolean matches(InetAddress address) {
        return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    static AddressFamily decode(byte[] message, int valueOffset, int length) throws MalformedMessageException {
        if (length != 4 && length != 1) {
            throw new MalformedMessageException("address family attribute of length " + length);
        }
        return switch (message[valueOffset]) {
            case 0x01 -> IPV4;
            case 0x02 -> IPV6;
            // An unknown family is well formed; the Allocate handler answers it with 440.
            default -> null;
        };
    }

    /** The 4-byte attribute value. */
    public byte[] encode() {
        return new byte[] {(byte) code, 0, 0, 0};
    }
}
