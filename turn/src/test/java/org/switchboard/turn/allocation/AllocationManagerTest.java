package org.switchboard.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.turn.TurnSettings;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.StunError;
import org.switchboard.common.testing.MutableClock;

/** Allocation state and lifetimes without sockets: fake relays, a fake client link, a hand-moved clock. */
class AllocationManagerTest {

    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);

    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeSockets sockets = new FakeSockets();
    private AllocationManager manager;
    private int clientPort = 40000;

    @BeforeEach
    void create() {
        manager = manager(TurnSettings.defaults("test", "0123456789abcdef")
                .withRelayPorts(new TurnSettings.PortRange(50000, 50009)).withQuotas(2, 4, 0));
    }

    private AllocationManager manager(TurnSettings settings) {
        Map<AddressFamily, RelayAddressPlan.Endpoint> endpoints = new EnumMap<>(AddressFamily.class);
        endpoints.put(AddressFamily.IPV4, new RelayAddressPlan.Endpoint(InetAddress.getLoopbackAddress(),
                InetAddress.getLoopbackAddress()));
        return new AllocationManager(settings, sockets, new RelayAddressPlan(endpoints), clock, new TurnMetrics(registry));
    }

    private AllocationManager.Created allocate(String user, FakeLink link) throws AllocationException {
        return manager.create(new AllocationRequest(link.fiveTuple(), link, "9999999999:" + user, user, new byte[12],
                List.of(AddressFamily.IPV4), false, false, null, Lifetimes.DEFAULT));
    }

    private FakeLink link(ClientTransport transport) {
        return new FakeLink(new FiveTuple(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort++),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478), transport));
    }

    @Test
    void anAllocationEndsWhenItsLifetimeDoesAndClosesItsRelay() throws Exception {
        Allocation allocation = allocate("alice", link(ClientTransport.UDP)).allocation();

        clock.advance(Lifetimes.DEFAULT.minusSeconds(1));
        manager.sweep(clock.instant());
        assertThat(manager.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        manager.sweep(clock.instant());

        assertThat(manager.size()).isZero();
        assertThat(sockets.opened.get(0).closed).isTrue();
        assertThat(manager.find(allocation.fiveTuple())).isNull();
    }

    @Test
    void revokingAUserEndsItsAllocationsAndClosesTheirRelaysOnly() throws Exception {
        Allocation alice = allocate("alice", link(ClientTransport.UDP)).allocation();
        allocate("bob", link(ClientTransport.UDP));

        assertThat(manager.revoke("alice")).isEqualTo(1);

        assertThat(manager.size()).isEqualTo(1);
        assertThat(manager.find(alice.fiveTuple())).isNull();
        assertThat(sockets.opened.get(0).closed).isTrue();
        assertThat(sockets.opened.get(1).closed).isFalse();
        // Its quota is given back like that of an expired allocation.
        allocate("alice", link(ClientTransport.UDP));
        allocate("alice", link(ClientTransport.UDP));
    }

    @Test
    void anAllocateWhoseCredentialWasRevokedMeanwhileIsRefused() {
        manager = new AllocationManager(TurnSettings.defaults("test", "0123456789abcdef")
                .withRelayPorts(new TurnSettings.PortRange(50000, 50009)), sockets,
                new RelayAddressPlan(Map.of(AddressFamily.IPV4, new RelayAddressPlan.Endpoint(
                        InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress()))),
                clock, new TurnMetrics(registry), username -> username.endsWith(":alice"));

        assertThatThrownBy(() -> allocate("alice", link(ClientTransport.UDP)))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.error()).isEqualTo(StunError.UNAUTHENTICATED));
        assertThat(sockets.opened).isEmpty();
        assertThat(manager.size()).isZero();
    }

    @Test
    void aRefreshMovesTheEnd() throws Exception {
        Allocation allocation = allocate("alice", link(ClientTransport.UDP)).allocation();

        clock.advance(Duration.ofSeconds(500));
        allocation.refresh(Lifetimes.grant(1200));
        clock.advance(Duration.ofSeconds(1100));
        manager.sweep(clock.instant());

        assertThat(manager.size()).isEqualTo(1);
    }

    @Test
    void permissionsLast300SecondsAndGateBothDirections() throws Exception {
        FakeLink link = link(ClientTransport.UDP);
        Allocation allocation = allocate("alice", link).allocation();
        FakeRelay relay = sockets.opened.get(0);
        allocation.permit(PEER.getAddress());

        allocation.sendToPeer(PEER, new byte[] {1});
        relay.deliver(PEER, new byte[] {2});
        clock.advance(Permission.LIFETIME);
        allocation.sendToPeer(PEER, new byte[] {3});
        relay.deliver(PEER, new byte[] {4});

        assertThat(relay.sent).containsExactly(new byte[] {1});
        assertThat(link.frames).hasSize(1);
    }

    @Test
    void channelsLast600SecondsAndFrameForTheTransport() throws Exception {
        FakeLink udp = link(ClientTransport.UDP);
        FakeLink tcp = link(ClientTransport.TCP);
        Allocation overUdp = allocate("alice", udp).allocation();
        Allocation overTcp = allocate("bob", tcp).allocation();
        assertThat(overUdp.bindChannel(0x4000, PEER)).isTrue();
        assertThat(overTcp.bindChannel(0x4000, PEER)).isTrue();

        sockets.opened.get(0).deliver(PEER, new byte[] {1, 2, 3, 4, 5});
        sockets.opened.get(1).deliver(PEER, new byte[] {1, 2, 3, 4, 5});
        assertThat(udp.frames.get(0)).hasSize(9);
        assertThat(tcp.frames.get(0)).hasSize(12);

        overUdp.refresh(Lifetimes.MAXIMUM); // outlive the channel
        clock.advance(Duration.ofSeconds(450));
        overUdp.permit(PEER.getAddress()); // keeps the permission alive past the channel
        clock.advance(ChannelBinding.LIFETIME.minusSeconds(450));
        overUdp.sendOnChannel(0x4000, new byte[] {9});
        assertThat(sockets.opened.get(0).sent).isEmpty();
        sockets.opened.get(0).deliver(PEER, new byte[] {7});
        // Channel gone, permission alive: the data comes as a Data indication, a STUN message.
        assertThat(udp.frames.get(1)[0] & 0xC0).isZero();
    }

    @Test
    void quotasPerUserAndInTotal() throws Exception {
        allocate("alice", link(ClientTransport.UDP));
        Allocation second = allocate("alice", link(ClientTransport.UDP)).allocation();

        assertThatThrownBy(() -> allocate("alice", link(ClientTransport.UDP)))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.error()).isEqualTo(StunError.ALLOCATION_QUOTA_REACHED));
        manager.remove(second);
        allocate("alice", link(ClientTransport.UDP));
        allocate("bob", link(ClientTransport.UDP));
        allocate("carol", link(ClientTransport.UDP));
        assertThatThrownBy(() -> allocate("dave", link(ClientTransport.UDP)))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.error()).isEqualTo(StunError.ALLOCATION_QUOTA_REACHED));
    }

    @Test
    void takenPortsAreSkippedAndAFullRangeIs508() throws Exception {
        sockets.taken.addAll(List.of(50000, 50001, 50002, 50003, 50004, 50005, 50006, 50007, 50008));
        AllocationManager wide = manager(TurnSettings.defaults("test", "0123456789abcdef")
                .withRelayPorts(new TurnSettings.PortRange(50000, 50009)).withQuotas(10, 10, 0));

        FakeLink first = link(ClientTransport.UDP);
        Allocation only = wide.create(new AllocationRequest(first.fiveTuple(), first, "1:u", "u", new byte[12],
                List.of(AddressFamily.IPV4), false, false, null, Lifetimes.DEFAULT)).allocation();
        FakeLink second = link(ClientTransport.UDP);

        assertThat(only.relayedAddresses().get(AddressFamily.IPV4).getPort()).isEqualTo(50009);
        assertThatThrownBy(() -> wide.create(new AllocationRequest(second.fiveTuple(), second, "1:u", "u",
                new byte[12], List.of(AddressFamily.IPV4), false, false, null, Lifetimes.DEFAULT)))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.error()).isEqualTo(StunError.INSUFFICIENT_CAPACITY));
    }

    @Test
    void anUnclaimedReservationIsReleasedAfter30Seconds() throws Exception {
        FakeLink link = link(ClientTransport.UDP);
        AllocationManager.Created created = manager.create(new AllocationRequest(link.fiveTuple(), link, "1:u", "u",
                new byte[12], List.of(AddressFamily.IPV4), true, true, null, Lifetimes.DEFAULT));
        assertThat(created.reservationToken()).hasSize(8);
        FakeRelay reserved = sockets.opened.get(1);
        assertThat(reserved.localAddress().getPort())
                .isEqualTo(created.allocation().relayedAddresses().get(AddressFamily.IPV4).getPort() + 1);

        clock.advance(Duration.ofSeconds(30));
        manager.sweep(clock.instant());

        assertThat(reserved.closed).isTrue();
    }

    @Test
    void aClosedConnectionAndAClosedManagerEndEverything() throws Exception {
        FakeLink tcp = link(ClientTransport.TCP);
        allocate("alice", tcp);
        allocate("bob", link(ClientTransport.UDP));

        manager.connectionClosed(tcp.fiveTuple());
        assertThat(manager.size()).isEqualTo(1);
        manager.close();

        assertThat(manager.size()).isZero();
        assertThat(sockets.opened).allSatisfy(relay -> assertThat(relay.closed).isTrue());
    }

    @Test
    void bandwidthBeyondTheQuotaIsDroppedAndCounted() throws Exception {
        AllocationManager limited = manager(TurnSettings.defaults("test", "0123456789abcdef")
                .withRelayPorts(new TurnSettings.PortRange(50000, 50009)).withQuotas(2, 4, 1000));
        FakeLink link = link(ClientTransport.UDP);
        Allocation allocation = limited.create(new AllocationRequest(link.fiveTuple(), link, "1:u", "u", new byte[12],
                List.of(AddressFamily.IPV4), false, false, null, Lifetimes.DEFAULT)).allocation();
        allocation.permit(PEER.getAddress());

        allocation.sendToPeer(PEER, new byte[800]);
        allocation.sendToPeer(PEER, new byte[800]);

        assertThat(sockets.opened.get(sockets.opened.size() - 1).sent).hasSize(1);
        assertThat(registry.get("switchboard.turn.quota.exceeded").tag("quota", "bandwidth").counter().count())
                .isEqualTo(1);
    }

    static final class FakeLink implements ClientLink {
        private final FiveTuple fiveTuple;
        final List<byte[]> frames = new ArrayList<>();

        FakeLink(FiveTuple fiveTuple) {
            this.fiveTuple = fiveTuple;
        }

        @Override
        public FiveTuple fiveTuple() {
            return fiveTuple;
        }

        @Override
        public void send(byte[] frame) {
            frames.add(frame);
        }
    }

    static final class FakeSockets implements RelaySockets {
        final List<FakeRelay> opened = new ArrayList<>();
        final Set<Integer> taken = new HashSet<>();

        @Override
        public Relay open(InetSocketAddress address) throws IOException {
            if (!taken.add(address.getPort())) {
                throw new BindException("taken: " + address.getPort());
            }
            FakeRelay relay = new FakeRelay(address);
            opened.add(relay);
            return relay;
        }
    }

    static final class FakeRelay implements Relay {
        private final InetSocketAddress address;
        final List<byte[]> sent = new ArrayList<>();
        private PeerDataListener listener;
        boolean closed;

        FakeRelay(InetSocketAddress address) {
            this.address = address;
        }

        void deliver(InetSocketAddress peer, byte[] data) {
            listener.onPeerData(peer, data);
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public void send(InetSocketAddress peer, byte[] data) {
            sent.add(data);
        }

        @Override
        public void deliverTo(PeerDataListener target) {
            listener = target;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
