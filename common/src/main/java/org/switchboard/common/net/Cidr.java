package org.switchboard.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a /32 or /128.
 * Parsing never resolves a name: only address literals are accepted.
 */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public Cidr {
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a network address has 4 or 16 bytes");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + (network.length == 4 ? "IPv4" : "IPv6"));
        }
        network = mask(network.clone(), prefix);
    }

    public static Cidr parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException(text + " is not an IP network such as 10.0.0.0/8 or fd00::/8");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String bits = value.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException(text + " has no prefix length after /");
            }
            prefix = Integer.parseInt(bits);
        }
        return new Cidr(bytes, prefix);
    }

    /** The bytes of an IPv4 dotted quad or an IPv6 literal, or null when {@code text} is neither (never a DNS lookup). */
    public static byte[] literal(String text) {
        if (!V4.matcher(text).matches() && !V6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress(); // an IPv4-mapped IPv6 literal comes back as IPv4
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address.clone(), prefix), network);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        return bytes;
    }
}
