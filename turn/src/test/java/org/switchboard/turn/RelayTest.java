package org.switchboard.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.Indication;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.stack.TransactionID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.turn.stun.ChannelData;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/** Permissions, Send/Data indications and channels with a real peer socket, over UDP and TCP. */
class RelayTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TurnServer server;
    private DatagramSocket peer;
    private TurnTestClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.settings(32), clock, registry);
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(Wire.RECEIVE_TIMEOUT_MILLIS);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        peer.close();
        server.close();
    }

    private InetSocketAddress allocate(Wire wire) throws Exception {
        client = new TurnTestClient(wire).as("alice", clock.instant());
        Message response = client.authenticated(() -> MessageFactory.createAllocateRequest((byte) 17, false));
        return AllocateTest.relayed(response).get(0);
    }

    private TransportAddress peerAddress() {
        return new TransportAddress((InetSocketAddress) peer.getLocalSocketAddress(), Transport.UDP);
    }

    private Message createPermission(TransportAddress address) throws Exception {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        Request request = client.signed(MessageFactory.createCreatePermissionRequest(address, transactionId));
        setId(request, transactionId);
        client.wire().send(TurnTestClient.encode(request));
        return client.responseTo(transactionId);
    }

    private Message channelBind(int number, TransportAddress address) throws Exception {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        Request request = client.signed(MessageFactory.createChannelBindRequest((char) number, address, transactionId));
        setId(request, transactionId);
        client.wire().send(TurnTestClient.encode(request));
        return client.responseTo(transactionId);
    }

    private void sendIndication(TransportAddress address, String text) throws Exception {
        byte[] transactionId = TransactionID.createNewTransactionID().getBytes();
        Indication indication = MessageFactory.createSendIndication(address,
                text.getBytes(StandardCharsets.UTF_8), transactionId);
        setId(indication, transactionId);
        client.wire().send(indication.encode(null));
    }

    private static void setId(Message message, byte[] transactionId) {
        try {
            message.setTransactionID(transactionId);
        } catch (org.ice4j.StunException e) {
            throw new IllegalStateException(e);
        }
    }

    private String peerReceives() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        peer.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private void peerSends(InetSocketAddress relayed, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, relayed));
    }

    @Test
    void sendAndDataIndicationsWithAPermission() throws Exception {
        InetSocketAddress relayed = allocate(Wire.udp(server.udpPort()));
        assertThat(createPermission(peerAddress()).getMessageType()).isEqualTo(Message.CREATEPERMISSION_RESPONSE);

        sendIndication(peerAddress(), "hello peer");
        assertThat(peerReceives()).isEqualTo("hello peer");
        peerSends(relayed, "hello client");

        Message data = TurnTestClient.decode(client.nextUnsolicited());
        assertThat(data.getMessageType()).isEqualTo(Message.DATA_INDICATION);
        assertThat(new String(((DataAttribute) data.getAttribute(Attribute.DATA)).getData(), StandardCharsets.UTF_8))
                .isEqualTo("hello client");
        assertThat(((XorPeerAddressAttribute) data.getAttribute(Attribute.XOR_PEER_ADDRESS))
                .getAddress(data.getTransactionID()).getPort()).isEqualTo(peer.getLocalPort());
        assertThat(registry.get("switchboard.turn.relayed.bytes").tag("direction", "to_peer").counter().count())
                .isEqualTo(10);
    }

    @Test
    void nothingIsRelayedToAPeerWithoutPermission() throws Exception {
        allocate(Wire.udp(server.udpPort()));

        sendIndication(peerAddress(), "not allowed");
        createPermission(peerAddress());
        sendIndication(peerAddress(), "allowed");

        // Both indications left on the same socket in order; the first one was dropped at the relay.
        assertThat(peerReceives()).isEqualTo("allowed");
        assertThat(registry.get("switchboard.turn.peers.refused").counter().count()).isEqualTo(1);
    }

    @Test
    void channelDataBothWaysOverUdp() throws Exception {
        InetSocketAddress relayed = allocate(Wire.udp(server.udpPort()));
        assertThat(channelBind(0x4001, peerAddress()).getMessageType()).isEqualTo(Message.CHANNELBIND_RESPONSE);

        client.wire().send(new ChannelData(0x4001, "to peer".getBytes(StandardCharsets.UTF_8)).encode(false));
        assertThat(peerReceives()).isEqualTo("to peer");
        peerSends(relayed, "to client");

        ChannelData received = ChannelData.read(client.nextUnsolicited());
        assertThat(received.channel()).isEqualTo(0x4001);
        assertThat(new String(received.data(), StandardCharsets.UTF_8)).isEqualTo("to client");
    }

    @Test
    void channelDataBothWaysOverTcpIsPadded() throws Exception {
        InetSocketAddress relayed = allocate(Wire.tcp(server.tcpPort()));
        assertThat(channelBind(0x4FFF, peerAddress()).getMessageType()).isEqualTo(Message.CHANNELBIND_RESPONSE);

        // Two frames in one write: the server must cut them apart by length and padding.
        byte[] first = new ChannelData(0x4FFF, "abcde".getBytes(StandardCharsets.UTF_8)).encode(true);
        byte[] second = new ChannelData(0x4FFF, "fg".getBytes(StandardCharsets.UTF_8)).encode(true);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        client.wire().send(both);
        assertThat(peerReceives()).isEqualTo("abcde");
        assertThat(peerReceives()).isEqualTo("fg");
        peerSends(relayed, "xyz");

        byte[] frame = client.nextUnsolicited();
        assertThat(frame.length % 4).isZero();
        assertThat(new String(ChannelData.read(frame).data(), StandardCharsets.UTF_8)).isEqualTo("xyz");
    }

    @Test
    void sendAndDataIndicationsOverTls() throws Exception {
        InetSocketAddress relayed = allocate(Wire.tls(server.tlsPort()));
        createPermission(peerAddress());

        sendIndication(peerAddress(), "over tls");
        assertThat(peerReceives()).isEqualTo("over tls");
        peerSends(relayed, "back");

        Message data = TurnTestClient.decode(client.nextUnsolicited());
        assertThat(new String(((DataAttribute) data.getAttribute(Attribute.DATA)).getData(), StandardCharsets.UTF_8))
                .isEqualTo("back");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3FFF, 0x8000, 0xFFFF, 0x0000})
    void channelNumbersOutsideTheRangeAreBadRequests(int number) throws Exception {
        allocate(Wire.udp(server.udpPort()));

        assertThat(TurnTestClient.errorCode(channelBind(number, peerAddress()))).isEqualTo(400);
    }

    @Test
    void aChannelStaysWithItsPeer() throws Exception {
        allocate(Wire.udp(server.udpPort()));
        channelBind(0x4002, peerAddress());
        TransportAddress otherPeer = new TransportAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort() + 1, Transport.UDP);

        assertThat(TurnTestClient.errorCode(channelBind(0x4002, otherPeer))).isEqualTo(400);
        assertThat(TurnTestClient.errorCode(channelBind(0x4003, peerAddress()))).isEqualTo(400);
        assertThat(channelBind(0x4002, peerAddress()).getMessageType()).isEqualTo(Message.CHANNELBIND_RESPONSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.0.7", "224.0.0.1", "0.0.0.0",
        "100.64.0.1", "255.255.255.255", "fe80::1", "fd00::2", "ff02::1", "::"})
    void peersInNonPublicRangesAreForbidden(String address) throws Exception {
        allocate(Wire.udp(server.udpPort()));
        TransportAddress forbidden = new TransportAddress(InetAddress.getByName(address), 5000, Transport.UDP);
        boolean v6 = forbidden.getAddress() instanceof java.net.Inet6Address;

        Message response = createPermission(forbidden);

        // An IPv4-only allocation answers an IPv6 peer with 443 before looking at the range.
        assertThat(TurnTestClient.errorCode(response)).isEqualTo(v6 ? 443 : 403);
        assertThat(TurnTestClient.errorCode(channelBind(0x4004, forbidden))).isEqualTo(v6 ? 443 : 403);
    }

    @Test
    void loopbackPeersAreForbiddenWithoutTheTestFlag() throws Exception {
        server.close();
        server = TestServers.start(TestServers.settings(32).withAllowLoopbackPeers(false), clock, registry);
        allocate(Wire.udp(server.udpPort()));

        assertThat(TurnTestClient.errorCode(createPermission(peerAddress()))).isEqualTo(403);
        TransportAddress publicPeer = new TransportAddress(InetAddress.getByName("192.0.2.10"), 5000, Transport.UDP);
        assertThat(createPermission(publicPeer).getMessageType()).isEqualTo(Message.CREATEPERMISSION_RESPONSE);
    }

    @Test
    void withoutAnAllocationEveryMethodIs437() throws Exception {
        client = new TurnTestClient(Wire.udp(server.udpPort())).as("alice", clock.instant());
        client.learnRealmAndNonce(client.send(MessageFactory.createRefreshRequest(600)));

        assertThat(TurnTestClient.errorCode(createPermission(peerAddress()))).isEqualTo(437);
        assertThat(TurnTestClient.errorCode(channelBind(0x4000, peerAddress()))).isEqualTo(437);
        assertThat(TurnTestClient.errorCode(client.send(client.signed(MessageFactory.createRefreshRequest(600)))))
                .isEqualTo(437);
    }

    @Test
    void refreshWithLifetimeZeroDeletesTheAllocation() throws Exception {
        allocate(Wire.udp(server.udpPort()));

        Message deleted = client.send(client.signed(MessageFactory.createRefreshRequest(0)));

        assertThat(deleted.getMessageType()).isEqualTo(Message.REFRESH_RESPONSE);
        assertThat(server.allocationCount()).isZero();
        assertThat(TurnTestClient.errorCode(client.send(client.signed(MessageFactory.createRefreshRequest(600)))))
                .isEqualTo(437);
    }

    @Test
    void closingTheTcpConnectionEndsItsAllocation() throws Exception {
        allocate(Wire.tcp(server.tcpPort()));
        assertThat(server.allocationCount()).isEqualTo(1);

        client.close();

        // The server sees the close on its own thread: wait for it, bounded, without measuring anything.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (server.allocationCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.allocationCount()).isZero();
    }

    @Test
    void closeReleasesEveryRelayPort() throws Exception {
        InetSocketAddress relayed = allocate(Wire.udp(server.udpPort()));

        server.close();

        try (DatagramSocket rebound = new DatagramSocket(relayed.getPort(), InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(relayed.getPort());
        }
    }
}
