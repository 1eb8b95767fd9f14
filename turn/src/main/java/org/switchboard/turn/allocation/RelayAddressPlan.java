package org.switchboard.turn.allocation;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.turn.stun.AddressFamily;

/**
 * Per address family: where relay sockets bind and which address clients are told (XOR-RELAYED-ADDRESS).
 * Relays bind next to the listener; on a wildcard listener the advertised address is the configured external
 * address or else the first usable address of an interface. A family with no address is not offered (440).
 */
public final class RelayAddressPlan {

    /** Where to bind and what to advertise for one family. */
    public record Endpoint(InetAddress bind, InetAddress advertised) {
    }

    private final Map<AddressFamily, Endpoint> endpoints;

    public RelayAddressPlan(Map<AddressFamily, Endpoint> endpoints) {
        this.endpoints = Collections.unmodifiableMap(new EnumMap<>(endpoints));
    }

    public static RelayAddressPlan forListener(InetAddress listen, List<InetAddress> external) {
        Map<AddressFamily, Endpoint> endpoints = new EnumMap<>(AddressFamily.class);
        for (AddressFamily family : AddressFamily.values()) {
            bindAddress(listen, family).ifPresent(bind -> {
                Optional<InetAddress> advertised = external.stream().filter(family::matches).findFirst()
                        .or(() -> bind.isAnyLocalAddress() ? detect(family) : Optional.of(bind));
                advertised.ifPresent(address -> endpoints.put(family, new Endpoint(bind, address)));
            });
        }
        return new RelayAddressPlan(endpoints);
    }

    public Optional<Endpoint> endpoint(AddressFamily family) {
        return Optional.ofNullable(endpoints.get(family));
    }

    public boolean supports(AddressFamily family) {
        return endpoints.containsKey(family);
    }

    /** The listener's own family binds where it does; the other one only follows a wildcard or loopback. */
    private static Optional<InetAddress> bindAddress(InetAddress listen, AddressFamily family) {
        if (family.matches(listen)) {
            return Optional.of(listen);
        }
        try {
            if (listen.isAnyLocalAddress()) {
                return Optional.of(InetAddress.getByName(family == AddressFamily.IPV4 ? "0.0.0.0" : "::"));
            }
            if (listen.isLoopbackAddress()) {
                return Optional.of(InetAddress.getByName(family == AddressFamily.IPV4 ? "127.0.0.1" : "::1"));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("literal addresses always resolve", e);
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> detect(AddressFamily family) {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(RelayAddressPlan::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(family::matches)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .filter(a -> a instanceof Inet4Address || a instanceof Inet6Address)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
