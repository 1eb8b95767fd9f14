package org.switchboard.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Test;

/** Hostile and malformed input for the reader: everything is a MalformedMessageException, nothing else. */
class StunMessageReaderTest {

    private static final byte[] ID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private static StunMessageBuilder request() {
        return new StunMessageBuilder(StunMethod.ALLOCATE, StunClass.REQUEST, ID);
    }

    @Test
    void readsMethodClassAndAttributes() throws Exception {
        StunMessage message = StunMessageReader.read(request()
                .add(AttributeFactory.createRequestedTransportAttribute((byte) 17))
                .add(AttributeFactory.createLifetimeAttribute(1200)).build(null, true));

        assertThat(message.method()).isEqualTo(StunMethod.ALLOCATE);
        assertThat(message.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(message.transactionId()).isEqualTo(ID);
        assertThat(message.lifetime()).isEqualTo(1200);
        assertThat(message.hasFingerprint()).isTrue();
    }

    @Test
    void messageTypesMatchIce4jsConstants() {
        assertThat(StunClass.REQUEST.typeFor(StunMethod.ALLOCATE)).isEqualTo(Message.ALLOCATE_REQUEST);
        assertThat(StunClass.SUCCESS.typeFor(StunMethod.CHANNEL_BIND)).isEqualTo(Message.CHANNELBIND_RESPONSE);
        assertThat(StunClass.ERROR.typeFor(StunMethod.CREATE_PERMISSION)).isEqualTo(Message.CREATEPERMISSION_ERROR_RESPONSE);
        assertThat(StunClass.INDICATION.typeFor(StunMethod.DATA)).isEqualTo(Message.DATA_INDICATION);
        assertThat(StunClass.methodOf(Message.REFRESH_ERROR_RESPONSE)).isEqualTo(StunMethod.REFRESH);
    }

    @Test
    void evenPortOfLengthOneAndFour() throws Exception {
        assertThat(StunMessageReader.read(request().add(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80}).build())
                .evenPort()).isEqualTo(new EvenPort(true));
        assertThat(StunMessageReader.read(request().add(AttributeType.EVEN_PORT, new byte[] {0, 0, 0, 0}).build())
                .evenPort()).isEqualTo(new EvenPort(false));
        assertThatThrownBy(() -> StunMessageReader.read(request().add(AttributeType.EVEN_PORT, new byte[2]).build()))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void addressFamiliesOfLengthFourAndOne() throws Exception {
        StunMessage rfc = StunMessageReader.read(request()
                .add(AttributeType.REQUESTED_ADDRESS_FAMILY, AddressFamily.IPV6.encode()).build());
        StunMessage ice4j = StunMessageReader.read(request()
                .add(AttributeFactory.createRequestedAddressFamilyAttribute((char) 1)).build());
        StunMessage additional = StunMessageReader.read(request()
                .add(AttributeType.ADDITIONAL_ADDRESS_FAMILY, AddressFamily.IPV6.encode()).build());

        assertThat(rfc.requestedFamily()).isEqualTo(AddressFamily.IPV6);
        assertThat(ice4j.requestedFamily()).isEqualTo(AddressFamily.IPV4);
        assertThat(additional.hasAdditionalFamily()).isTrue();
        assertThat(additional.additionalFamily()).isEqualTo(AddressFamily.IPV6);
    }

    @Test
    void keepsEveryPeerAddressAndListsUnknownRequiredAttributes() throws Exception {
        StunMessage message = StunMessageReader.read(request()
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, new java.net.InetSocketAddress("192.0.2.1", 1000))
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, new java.net.InetSocketAddress("2001:db8::1", 2000))
                .add(0x0003, new byte[4]).add(0x7FFF, new byte[0]).add(0x8123, new byte[3]).build());

        assertThat(message.attributes(AttributeType.XOR_PEER_ADDRESS)).hasSize(2);
        assertThat(message.unknownRequired()).containsExactly(0x0003, 0x7FFF);
    }

    @Test
    void attributesAfterIntegrityAreIgnoredButFingerprintIsChecked() throws Exception {
        byte[] signed = request().add(AttributeFactory.createLifetimeAttribute(700))
                .build(new StunMessageBuilder.Integrity(new byte[16], false), true);

        StunMessage message = StunMessageReader.read(signed);

        assertThat(message.integrityOffset()).isPositive();
        assertThat(MessageIntegrity.verify(false, new byte[16], signed, message.integrityOffset())).isTrue();
        assertThat(MessageIntegrity.verify(false, new byte[] {1}, signed, message.integrityOffset())).isFalse();
    }

    @Test
    void refusesMalformedHeadersAndAttributes() {
        byte[] valid = request().add(AttributeFactory.createLifetimeAttribute(600)).build(null, true);
        byte[] firstBitsSet = valid.clone();
        firstBitsSet[0] |= (byte) 0x80;
        byte[] oddLength = valid.clone();
        oddLength[3] += 1;
        byte[] overrun = valid.clone();
        overrun[23] = 100; // LIFETIME claims 100 bytes
        byte[] badLifetimeLength = request().add(AttributeType.LIFETIME, new byte[3]).build();
        byte[] badPeerAddress = request().add(AttributeType.XOR_PEER_ADDRESS, new byte[] {0, 1, 0, 0}).build();
        byte[] attributeAfterFingerprint = Arrays.copyOf(valid, valid.length + 4);
        attributeAfterFingerprint[3] += 4;
        byte[] longUsername = request().add(AttributeType.USERNAME, new byte[600]).build();

        for (byte[] bad : new byte[][] {firstBitsSet, oddLength, overrun, badLifetimeLength, badPeerAddress,
                attributeAfterFingerprint, longUsername, Arrays.copyOf(valid, 19), new byte[0]}) {
            assertThatThrownBy(() -> StunMessageReader.read(bad)).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void randomMutationsNeverThrowAnythingElse() {
        byte[] valid = request()
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, new java.net.InetSocketAddress("2001:db8::1", 2000))
                .add(AttributeFactory.createUsernameAttribute("1700000000:alice"))
                .add(AttributeType.EVEN_PORT, new byte[] {(byte) 0x80})
                .add(AttributeFactory.createDataAttribute(new byte[] {1, 2, 3}))
                .build(new StunMessageBuilder.Integrity(new byte[16], true), false);
        Random random = new Random(4242);
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] mutated = Arrays.copyOf(valid, random.nextInt(10) == 0 ? random.nextInt(valid.length + 8) : valid.length);
            for (int flips = random.nextInt(4) + 1; flips > 0 && mutated.length > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                StunMessageReader.read(mutated);
                parsed++;
            } catch (MalformedMessageException expected) {
                // the only acceptable failure
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void channelDataLimits() throws Exception {
        assertThat(ChannelData.read(new byte[] {0x40, 0x01, 0x00, 0x01, 7, 0, 0, 0}).data()).containsExactly(7);
        assertThatThrownBy(() -> ChannelData.read(new byte[] {0x40, 0x01, 0x00, 0x05, 7}))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ChannelData.read(new byte[] {(byte) 0x80, 0x01, 0x00, 0x00}))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ChannelData.read(new byte[] {0x40, 0x01}))
                .isInstanceOf(MalformedMessageException.class);
    }
}
