package org.switchboard.turn.allocation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.ice4j.attribute.AttributeFactory;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.metrics.TurnMetrics.Quota;
import org.switchboard.turn.policy.BandwidthLimiter;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.ChannelData;
import org.switchboard.turn.stun.StunClass;
import org.switchboard.turn.stun.StunMessageBuilder;
import org.switchboard.turn.stun.StunMethod;

/**
 * One allocation (RFC 8656 §5): its relay sockets (one per address family), its lifetime, its permissions
 * and channel bindings, and the relaying in both directions. Packets flow on Netty threads; the maps are
 * concurrent and lifetimes are checked against the clock at use, so an expired permission stops relaying
 * even before the sweeper removes it.
 */
public final class Allocation implements Relay.PeerDataListener {

    private final FiveTuple fiveTuple;
    private final ClientLink client;
    private final String username;
    private final String user;
    private final Map<AddressFamily, Relay> relays;
    private final Map<AddressFamily, InetSocketAddress> relayedAddresses;
    private final Clock clock;
    private final TurnMetrics metrics;
    private final BandwidthLimiter toPeers;
    private final BandwidthLimiter toClient;
    private final Map<InetAddress, Permission> permissions = new ConcurrentHashMap<>();
    private final ChannelTable channels = new ChannelTable();
    private final byte[] allocateTransactionId;
    private volatile byte[] allocateResponse;
    private volatile Instant expiresAt;

    Allocation(AllocationRequest request, Map<AddressFamily, Relay> relays,
               Map<AddressFamily, InetSocketAddress> relayedAddresses, Clock clock, TurnMetrics metrics,
               long bandwidthBytesPerSecond) {
        this.fiveTuple = request.fiveTuple();
        this.client = request.client();
        this.username = request.username();
        this.user = request.user();
        this.allocateTransactionId = request.transactionId().clone();
        this.relays = Map.copyOf(relays);
        this.relayedAddresses = Map.copyOf(relayedAddresses);
        this.clock = clock;
        this.metrics = metrics;
        this.toPeers = new BandwidthLimiter(bandwidthBytesPerSecond, System::nanoTime);
        this.toClient = new BandwidthLimiter(bandwidthBytesPerSecond, System::nanoTime);
        this.expiresAt = clock.instant().plus(request.lifetime());
    }

    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    public String username() {
        return username;
    }

    public String user() {
        return user;
    }

    /** The advertised relayed transport addresses, by family. */
    public Map<AddressFamily, InetSocketAddress> relayedAddresses() {
        return relayedAddresses;
    }

    public boolean hasFamily(AddressFamily family) {
        return relays.containsKey(family);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public void refresh(Duration lifetime) {
        expiresAt = clock.instant().plus(lifetime);
    }

    /** Whether {@code transactionId} is the Allocate that made this allocation (a retransmission). */
    public boolean createdBy(byte[] transactionId) {
        return java.util.Arrays.equals(allocateTransactionId, transactionId);
    }

    public byte[] allocateResponse() {
        return allocateResponse;
    }

    public void rememberAllocateResponse(byte[] response) {
        this.allocateResponse = response;
    }

    public void permit(InetAddress peer) {
        permissions.put(peer, Permission.grantedAt(peer, clock.instant()));
    }

    public boolean permits(InetAddress peer, Instant now) {
        Permission permission = permissions.get(peer);
        return permission != null && permission.activeAt(now);
    }

    /** Binds or refreshes a channel; false when number or peer is already bound to something else. */
    public boolean bindChannel(int number, InetSocketAddress peer) {
        Instant now = clock.instant();
        if (!channels.bind(ChannelBinding.boundAt(number, peer, now))) {
            return false;
        }
        permit(peer.getAddress());
        return true;
    }

    /** A Send indication's data (RFC 8656 §11.2): relayed only to permitted peers. */
    public void sendToPeer(InetSocketAddress peer, byte[] data) {
        if (!permits(peer.getAddress(), clock.instant())) {
            metrics.peerRefused();
            return;
        }
        relay(peer, data);
    }

    /** ChannelData from the client (RFC 8656 §12.6). */
    public void sendOnChannel(int number, byte[] data) {
        ChannelBinding binding = channels.byNumber(number);
        if (binding == null || !binding.activeAt(clock.instant())) {
            return;
        }
        relay(binding.peer(), data);
    }

    private void relay(InetSocketAddress peer, byte[] data) {
        Relay relay = relays.get(AddressFamily.of(peer.getAddress()));
        if (relay == null) {
            return;
        }
        if (!toPeers.tryAcquire(data.length)) {
            metrics.quotaExceeded(Quota.BANDWIDTH);
            return;
        }
        relay.send(peer, data);
        metrics.relayedToPeer(data.length);
    }

    /** A datagram from a peer (RFC 8656 §11.3 / §12.6): to the client as ChannelData if bound, else Data. */
    @Override
    public void onPeerData(InetSocketAddress peer, byte[] data) {
        Instant now = clock.instant();
        if (!activeAt(now) || !permits(peer.getAddress(), now)) {
            return;
        }
        if (!toClient.tryAcquire(data.length)) {
            metrics.quotaExceeded(Quota.BANDWIDTH);
            return;
        }
        ChannelBinding binding = channels.byPeer(peer);
        byte[] frame = binding != null && binding.activeAt(now)
                ? new ChannelData(binding.number(), data).encode(fiveTuple.transport().stream())
                : dataIndication(peer, data);
        client.send(frame);
        metrics.relayedToClient(data.length);
    }

    private static byte[] dataIndication(InetSocketAddress peer, byte[] data) {
        byte[] transactionId = new byte[12];
        ThreadLocalRandom.current().nextBytes(transactionId);
        return new StunMessageBuilder(StunMethod.DATA, StunClass.INDICATION, transactionId)
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, peer)
                .add(AttributeFactory.createDataAttribute(data))
                .build();
    }

    /** Drops expired permissions and channel bindings. */
    void sweep(Instant now) {
        permissions.values().removeIf(permission -> !permission.activeAt(now));
        channels.sweep(now);
    }

    void closeRelays() {
        relays.values().forEach(Relay::close);
    }
}
