package org.switchboard.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.StunClass;
import org.switchboard.turn.stun.StunMessageBuilder;
import org.switchboard.turn.stun.StunMethod;
import org.switchboard.turn.support.HandBuilt;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/** STUN Binding on every transport, and what happens to input that is not STUN. */
class BindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.startingNow();
    private TurnServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.settings(8), clock, registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertMapped(Message response, InetSocketAddress client) {
        assertThat(response.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) response.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertThat(mapped.getAddress(response.getTransactionID()).getPort()).isEqualTo(client.getPort());
        assertThat(response.getAttribute(Attribute.SOFTWARE)).isNotNull();
    }

    @Test
    void bindingOverUdp() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort()))) {
            assertMapped(client.send(MessageFactory.createBindingRequest()), client.localAddress());
        }
    }

    @Test
    void bindingOverTcp() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.tcp(server.tcpPort()))) {
            assertMapped(client.send(MessageFactory.createBindingRequest()), client.localAddress());
        }
    }

    @Test
    void bindingOverTls() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.tls(server.tlsPort()))) {
            assertMapped(client.send(MessageFactory.createBindingRequest()), client.localAddress());
        }
    }

    @Test
    void aFingerprintedRequestGetsAFingerprintedAnswer() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort()))) {
            byte[] request = HandBuilt.request(StunMethod.BINDING).build(null, true);

            // ice4j's decoder rejects a wrong FINGERPRINT, so decoding at all checks ours.
            Message response = client.sendRaw(request);

            assertThat(response.getAttribute(Attribute.FINGERPRINT)).isNotNull();
        }
    }

    @Test
    void anAuthenticatedBindingIsAnsweredWithIntegrity() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort())).as("alice", clock.instant())) {
            // A Binding without credentials is simply answered, so the realm and nonce come from an Allocate.
            client.learnRealmAndNonce(client.send(MessageFactory.createAllocateRequest((byte) 17, false)));
            Message response = client.send(client.signed(MessageFactory.createBindingRequest()));

            assertMapped(response, client.localAddress());
            AllocateTest.assertIntegrityWithIce4j(client.lastResponse(), client.key());
        }
    }

    @Test
    void bindingWithAnUnknownRequiredAttributeIs420() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort()))) {
            Message response = client.sendRaw(HandBuilt.request(StunMethod.BINDING).add(0x0003, new byte[4]).build());

            assertThat(TurnTestClient.errorCode(response)).isEqualTo(420);
        }
    }

    @Test
    void malformedDatagramsAreDroppedUnansweredAndCounted() throws Exception {
        byte[] valid = HandBuilt.request(StunMethod.BINDING).build(null, true);
        byte[] badCookie = valid.clone();
        badCookie[4] = 0;
        byte[] badFingerprint = valid.clone();
        badFingerprint[valid.length - 1] ^= 1;
        byte[] longerThanClaimed = Arrays.copyOf(valid, valid.length + 4);
        byte[] truncated = Arrays.copyOf(valid, valid.length - 4);
        byte[] oversized = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, HandBuilt.transactionId())
                .add(0x8050, new byte[20_000]).build();
        byte[] channelDataForNothing = {0x40, 0x00, 0x00, 0x02, 1, 2};
        byte[] reservedChannel = {(byte) 0x80, 0x00, 0x00, 0x00};
        byte[][] garbage = {new byte[] {0}, new byte[19], badCookie, badFingerprint, longerThanClaimed,
            truncated, oversized, reservedChannel, "GET / HTTP/1.1\r\n\r\n".getBytes()};

        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort()))) {
            client.wire().send(new byte[0]); // Netty drops an empty datagram before any handler sees it
            for (byte[] packet : garbage) {
                client.wire().send(packet);
            }
            client.wire().send(channelDataForNothing);
            Message answer = client.sendRaw(valid);

            // Had any of them been answered, that answer would have come first and been kept aside.
            assertThat(answer.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
            assertThat(client.nextUnsolicitedIfAny()).isNull();
        }
        assertThat(registry.get("switchboard.turn.packets.malformed").counter().count()).isEqualTo(garbage.length);
    }

    @Test
    void aStreamThatIsNotStunIsClosed() throws Exception {
        try (Wire wire = Wire.tcp(server.tcpPort())) {
            wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());

            assertThat(endOfStream(wire)).isTrue();
        }
        assertThat(registry.get("switchboard.turn.packets.malformed").counter().count()).isEqualTo(1);
    }

    @Test
    void anOversizedStreamFrameIsRefusedBeforeItIsBuffered() throws Exception {
        try (Wire wire = Wire.tcp(server.tcpPort())) {
            byte[] header = HandBuilt.request(StunMethod.BINDING).build();
            header[2] = (byte) 0xFF;
            header[3] = (byte) 0xFC; // claims 65532 bytes of attributes, far past the limit
            wire.send(header);

            assertThat(endOfStream(wire)).isTrue();
        }
    }

    private static boolean endOfStream(Wire wire) {
        try {
            wire.receive();
            return false;
        } catch (java.io.EOFException | java.net.SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void xorMappedAddressIsTheOnlyAddressAttribute() throws Exception {
        try (TurnTestClient client = new TurnTestClient(Wire.udp(server.udpPort()))) {
            client.send(MessageFactory.createBindingRequest());

            assertThat(AllocateTest.attributeOffset(client.lastResponse(), AttributeType.XOR_MAPPED_ADDRESS)).isPositive();
            assertThat(AllocateTest.attributeOffset(client.lastResponse(), AttributeType.MAPPED_ADDRESS)).isNegative();
        }
    }
}
