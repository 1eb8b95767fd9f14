package org.switchboard.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key under which failures from a source address are counted. An IPv6 host usually owns a whole /64
 * (SLAAC, privacy addresses), so counting single IPv6 addresses would give an attacker 2^64 fresh ones;
 * IPv6 is therefore counted by its /64 prefix, IPv4 by the address.
 */
public final class AddressKey {

    private AddressKey() {
    }

    public static String of(String sourceAddress) {
        if (sourceAddress == null || sourceAddress.isEmpty()) {
            return "unknown";
        }
        String literal = sourceAddress.startsWith("[") && sourceAddress.endsWith("]")
                ? sourceAddress.substring(1, sourceAddress.length() - 1) : sourceAddress;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!isIpLiteral(literal)) {
            return bounded(sourceAddress);
        }
        try {
            // a literal only: getByName does no name lookup for it
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return bounded(sourceAddress);
        }
    }

    private static boolean isIpLiteral(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        boolean colon = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            if (!ok || (!colon && Character.digit(c, 10) < 0 && c != '.')) {
                return false;
            }
        }
        return true;
    }

    private static String bounded(String text) {
        return text.length() > 64 ? text.substring(0, 64) : text;
    }
}
