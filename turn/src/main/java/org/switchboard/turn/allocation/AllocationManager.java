package org.switchboard.turn.allocation;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.metrics.TurnMetrics.Quota;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.StunError;

/**
 * The allocation table: creates allocations within the quotas, finds them by 5-tuple, and ends them when
 * they expire, are refreshed to 0, or their TCP connection closes. Every end closes the relay sockets.
 */
public final class AllocationManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AllocationManager.class);

    /** What a successful Allocate hands back besides the allocation. */
    public record Created(Allocation allocation, byte[] reservationToken) {
    }

    private final TurnSettings settings;
    private final RelayAddressPlan plan;
    private final RelayPortPicker ports;
    private final Clock clock;
    private final TurnMetrics metrics;
    private final Reservations reservations = new Reservations();
    private final Map<FiveTuple, Allocation> allocations = new ConcurrentHashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final Predicate<String> revoked;

    public AllocationManager(TurnSettings settings, RelaySockets sockets, RelayAddressPlan plan, Clock clock,
                             TurnMetrics metrics) {
        this(settings, sockets, plan, clock, metrics, username -> false);
    }

    /**
     * @param revoked usernames whose credentials were revoked; checked again under the table's lock, so an
     *                Allocate authenticated just before a {@link #revoke(String)} cannot slip in after it
     */
    public AllocationManager(TurnSettings settings, RelaySockets sockets, RelayAddressPlan plan, Clock clock,
                             TurnMetrics metrics, Predicate<String> revoked) {
        this.revoked = revoked;
        this.settings = settings;
        this.plan = plan;
        this.ports = new RelayPortPicker(settings.relayPorts(), sockets);
        this.clock = clock;
        this.metrics = metrics;
        metrics.activeAllocations(allocations::size);
    }

    public RelayAddressPlan plan() {
        return plan;
    }

    public Allocation find(FiveTuple fiveTuple) {
        return allocations.get(fiveTuple);
    }

    public int size() {
        return allocations.size();
    }

    public synchronized Created create(AllocationRequest request) throws AllocationException {
        if (revoked.test(request.username())) {
            throw new AllocationException(StunError.UNAUTHENTICATED, "credential of " + request.user() + " revoked");
        }
        if (allocations.size() >= settings.maxAllocations()) {
            metrics.quotaExceeded(Quota.ALLOCATIONS_TOTAL);
            throw new AllocationException(StunError.ALLOCATION_QUOTA_REACHED, "server allocation quota");
        }
        if (perUser.getOrDefault(request.user(), 0) >= settings.maxAllocationsPerUser()) {
            metrics.quotaExceeded(Quota.ALLOCATIONS_PER_USER);
            throw new AllocationException(StunError.ALLOCATION_QUOTA_REACHED, "allocation quota of " + request.user());
        }
        Map<AddressFamily, Relay> relays = new EnumMap<>(AddressFamily.class);
        Map<AddressFamily, InetSocketAddress> advertised = new EnumMap<>(AddressFamily.class);
        byte[] token = null;
        try {
            if (request.reservationToken() != null) {
                // The reserved socket decides the family: the Allocate that presents a token names none.
                Relay relay = reservations.claim(request.reservationToken(), clock.instant());
                if (relay == null) {
                    throw new AllocationException(StunError.INSUFFICIENT_CAPACITY, "unknown reservation token");
                }
                AddressFamily family = AddressFamily.of(relay.localAddress().getAddress());
                relays.put(family, relay);
                advertised.put(family, advertisedAddress(family, relay));
            } else {
                for (AddressFamily family : request.families()) {
                    RelayAddressPlan.Endpoint endpoint = plan.endpoint(family).orElseThrow(() ->
                            new AllocationException(StunError.ADDRESS_FAMILY_NOT_SUPPORTED, family + " relays"));
                    boolean reserve = request.reserveNext() && relays.isEmpty();
                    RelayPortPicker.Pair pair = ports.open(endpoint.bind(), request.evenPort(), reserve);
                    relays.put(family, pair.relay());
                    if (pair.next() != null) {
                        token = reservations.hold(pair.next(), clock.instant());
                    }
                    advertised.put(family, advertisedAddress(family, pair.relay()));
                }
            }
        } catch (AllocationException e) {
            relays.values().forEach(Relay::close);
            throw e;
        }
        Allocation allocation = new Allocation(request, relays, advertised, clock, metrics,
                settings.bandwidthBytesPerSecond());
        relays.values().forEach(relay -> relay.deliverTo(allocation));
        allocations.put(request.fiveTuple(), allocation);
        perUser.merge(request.user(), 1, Integer::sum);
        metrics.allocationCreated();
        log.debug("allocated {} for {} from {}", advertised, request.username(), request.fiveTuple().client());
        return new Created(allocation, token);
    }

    private InetSocketAddress advertisedAddress(AddressFamily family, Relay relay) throws AllocationException {
        RelayAddressPlan.Endpoint endpoint = plan.endpoint(family).orElseThrow(() ->
                new AllocationException(StunError.ADDRESS_FAMILY_NOT_SUPPORTED, family + " relays"));
        return new InetSocketAddress(endpoint.advertised(), relay.localAddress().getPort());
    }

    public synchronized void remove(Allocation allocation) {
        if (allocations.remove(allocation.fiveTuple(), allocation)) {
            perUser.computeIfPresent(allocation.user(), (user, count) -> count > 1 ? count - 1 : null);
            allocation.closeRelays();
        }
    }

    /** A TCP/TLS connection closed: its allocation goes with it (RFC 8656 §5). */
    public void connectionClosed(FiveTuple fiveTuple) {
        Allocation allocation = allocations.get(fiveTuple);
        if (allocation != null) {
            remove(allocation);
        }
    }

    /**
     * Ends every allocation of {@code user} (the account part of the REST username) as if it had expired:
     * its account was locked, deleted or given a new password. Returns how many ended.
     */
    public synchronized int revoke(String user) {
        List<Allocation> ended = allocations.values().stream().filter(a -> a.user().equals(user)).toList();
        ended.forEach(this::remove);
        return ended.size();
    }

    /** Ends what has expired at {@code now}; run every second by the server, directly by tests. */
    public void sweep(Instant now) {
        List<Allocation> expired = new ArrayList<>();
        for (Allocation allocation : allocations.values()) {
            if (allocation.activeAt(now)) {
                allocation.sweep(now);
            } else {
                expired.add(allocation);
            }
        }
        expired.forEach(this::remove);
        reservations.sweep(now);
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(allocations.values()).forEach(this::remove);
        reservations.closeAll();
    }
}
